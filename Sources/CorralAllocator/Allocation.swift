import CorralModel

/// One decision of an allocation cycle: these resources of one agent now belong to one framework,
/// for one of its roles. The master turns each into an offer.
public struct Allocation: Hashable, Sendable {
    public var frameworkID: FrameworkID
    public var agentID: AgentID
    public var role: String
    /// Marked with `allocation_info.role`.
    public var resources: Resources
    /// Why this framework got it: the orders at that moment.
    public var reason: OfferReason
}
