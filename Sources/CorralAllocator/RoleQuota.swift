/// A role's quota: resources it is guaranteed to get before any fair sharing, and a ceiling it
/// never goes beyond. Quantities by scalar name (`["cpus": 4, "mem": 4096]`).
public struct RoleQuota: Hashable, Sendable {
    public var guarantee: [String: Double]
    /// Nil means no limit.
    public var limit: [String: Double]?

    public init(guarantee: [String: Double] = [:], limit: [String: Double]? = nil) {
        self.guarantee = guarantee
        self.limit = limit
    }
}
