/// One client of a DRF order (a role among roles, or a framework within its role) as the
/// allocator sorted it: lowest weighted dominant share first, so the first is offered next.
public struct ShareStanding: Hashable, Sendable {
    /// The role's name, or the framework's ID.
    public var id: String
    /// The framework's name, when the client is a framework and the master knows it.
    public var name: String?
    /// The dominant share divided by the weight: what the order sorts by.
    public var weightedShare: Double
    public var weight: Double

    public init(id: String, name: String? = nil, weightedShare: Double, weight: Double = 1) {
        self.id = id
        self.name = name
        self.weightedShare = weightedShare
        self.weight = weight
    }

    /// How a person names it: the framework's name with its ID, or the role.
    public var label: String { name.map { "\($0) (\(id))" } ?? id }
}

/// A framework ahead in the order that an offer passed over, and why.
public struct PassedOver: Hashable, Sendable {
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        /// Disconnected, or not subscribed to the role.
        case inactive
        /// It suppressed offers for the role.
        case suppressed
        /// A refuse filter from an earlier decline covers these resources on this agent.
        case filtered
    }

    public var framework: ShareStanding
    public var reason: Reason

    public init(framework: ShareStanding, reason: Reason) {
        self.framework = framework
        self.reason = reason
    }
}
