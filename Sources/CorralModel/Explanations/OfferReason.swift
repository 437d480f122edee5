/// Why an offer went to its framework, as the allocator saw it at that moment: the stage of the
/// cycle, the order of the roles and of the frameworks in the role, and who was passed over.
/// Recorded when the offer is made; an order that has moved on since cannot explain it.
public struct OfferReason: Hashable, Sendable {
    public enum Stage: String, Hashable, Sendable, CaseIterable {
        /// The role was below its quota guarantee: guarantees are met before fair shares.
        case guarantee
        /// Weighted DRF: the role, then the framework, with the lowest share went first.
        case fairShare = "fair_share"
    }

    public var stage: Stage
    public var role: String
    /// The first roles of the order then (at most `OfferReason.listed`), lowest share first.
    public var roleOrder: [ShareStanding]
    /// This role's place in the order (1 = first), of `roleCount`.
    public var rolePlace: Int
    public var roleCount: Int
    /// The first frameworks of the role then, lowest share first.
    public var frameworkOrder: [ShareStanding]
    public var frameworkPlace: Int
    public var frameworkCount: Int
    /// Frameworks ahead in the role that did not get it, with the reason.
    public var passedOver: [PassedOver]

    /// How many entries of an order are kept: enough to show who was ahead and who came next.
    public static let listed = 5

    public init(
        stage: Stage, role: String, roleOrder: [ShareStanding], rolePlace: Int, roleCount: Int,
        frameworkOrder: [ShareStanding], frameworkPlace: Int, frameworkCount: Int, passedOver: [PassedOver]
    ) {
        self.stage = stage
        self.role = role
        self.roleOrder = roleOrder
        self.rolePlace = rolePlace
        self.roleCount = roleCount
        self.frameworkOrder = frameworkOrder
        self.frameworkPlace = frameworkPlace
        self.frameworkCount = frameworkCount
        self.passedOver = passedOver
    }
}
