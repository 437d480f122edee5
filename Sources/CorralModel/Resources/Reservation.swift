/// One layer of a resource's reservation stack. Static reservations come from an agent's
/// `--resources` (`cpus(web):2`); dynamic ones are made by frameworks or operators at run time.
public struct Reservation: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case `static` = "STATIC"
        case dynamic = "DYNAMIC"
    }

    public var kind: Kind
    public var role: String
    public var principal: String?

    public init(_ kind: Kind, role: String, principal: String? = nil) {
        self.kind = kind
        self.role = role
        self.principal = principal
    }
}
