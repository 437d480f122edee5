/// Where a framework stands with the allocator now, for "why does it get (or not get) offers":
/// its share and what dominates it, its place in each of its roles, its role's weight and
/// quota, suppression, and the refuse filters in force. A pure reading of the allocator's
/// books and the master's, taken at one instant.
public struct FrameworkStanding: Hashable, Sendable {
    public struct RoleStanding: Hashable, Sendable {
        public var role: String
        public var weight: Double
        /// The role's weighted dominant share, its place among roles (1 = first) and how many.
        public var roleShare: Double
        public var rolePlace: Int
        public var roleCount: Int
        /// The framework's share within the role, its place there and how many frameworks.
        public var frameworkShare: Double
        public var frameworkPlace: Int
        public var frameworkCount: Int
        public var suppressed: Bool
        /// The role's quota, if any: what it is guaranteed, what it may not exceed, what it holds.
        public var guarantee: [String: Double]
        public var limit: [String: Double]?
        public var allocated: [String: Double]

        public init(
            role: String, weight: Double, roleShare: Double, rolePlace: Int, roleCount: Int, frameworkShare: Double,
            frameworkPlace: Int, frameworkCount: Int, suppressed: Bool, guarantee: [String: Double] = [:],
            limit: [String: Double]? = nil, allocated: [String: Double] = [:]
        ) {
            self.role = role
            self.weight = weight
            self.roleShare = roleShare
            self.rolePlace = rolePlace
            self.roleCount = roleCount
            self.frameworkShare = frameworkShare
            self.frameworkPlace = frameworkPlace
            self.frameworkCount = frameworkCount
            self.suppressed = suppressed
            self.guarantee = guarantee
            self.limit = limit
            self.allocated = allocated
        }
    }

    /// A refuse filter from a decline: on which agent, for how much longer, of what.
    public struct Filter: Hashable, Sendable {
        public var agentID: AgentID
        public var hostname: String
        public var secondsLeft: Double
        public var resources: Resources
        /// Which decline (or accept) made it; nil when the master did not say.
        public var origin: FilterOrigin?

        public init(agentID: AgentID, hostname: String, secondsLeft: Double, resources: Resources, origin: FilterOrigin? = nil) {
            self.agentID = agentID
            self.hostname = hostname
            self.secondsLeft = secondsLeft
            self.resources = resources
            self.origin = origin
        }
    }

    public var frameworkID: FrameworkID
    /// The framework's name, when the master knows it.
    public var name: String?
    public var active: Bool
    /// The share over all its roles, before weights, and the resource it comes from. A weighted
    /// share is a role's (`RoleStanding.roleShare`): a framework of several roles has none.
    public var dominantShare: Double
    public var dominantResource: String?
    public var roles: [RoleStanding]
    /// Who the next offer would go to, and in which role.
    public var next: ShareStanding?
    public var nextRole: String?
    public var filters: [Filter]
    public var outstandingOffers: Int

    public init(
        frameworkID: FrameworkID, name: String? = nil, active: Bool, dominantShare: Double, dominantResource: String?,
        roles: [RoleStanding], next: ShareStanding?, nextRole: String?, filters: [Filter], outstandingOffers: Int
    ) {
        self.frameworkID = frameworkID
        self.name = name
        self.active = active
        self.dominantShare = dominantShare
        self.dominantResource = dominantResource
        self.roles = roles
        self.next = next
        self.nextRole = nextRole
        self.filters = filters
        self.outstandingOffers = outstandingOffers
    }

    /// How a person names it: its name with its ID, or the ID.
    public var label: String { name.map { "\($0) (\(frameworkID))" } ?? frameworkID.value }
}
