/// What made a refuse filter: an offer the framework declined, or the part of an offer it
/// accepted that its launches did not use (Mesos filters that remainder too), and for how long
/// it asked not to see those resources again.
public struct FilterOrigin: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case decline = "DECLINE"
        case unusedPartOfAccept = "ACCEPT"
    }

    public var kind: Kind
    public var offerID: OfferID
    public var refuseSeconds: Double

    public init(_ kind: Kind, of offerID: OfferID, refuseSeconds: Double) {
        self.kind = kind
        self.offerID = offerID
        self.refuseSeconds = refuseSeconds
    }
}
