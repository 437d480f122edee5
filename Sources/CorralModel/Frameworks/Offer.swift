/// Free resources of one agent, offered to one framework for one of its roles.
public struct Offer: Hashable, Sendable {
    public var id: OfferID
    public var frameworkID: FrameworkID
    public var agentID: AgentID
    public var hostname: String
    /// The role the resources are allocated to (Mesos's `allocation_info.role`).
    public var role: String
    public var resources: Resources
    public var attributes: [Attribute]

    public init(
        id: OfferID, frameworkID: FrameworkID, agentID: AgentID, hostname: String, role: String,
        resources: Resources, attributes: [Attribute] = []
    ) {
        self.id = id
        self.frameworkID = frameworkID
        self.agentID = agentID
        self.hostname = hostname
        self.role = role
        self.resources = resources
        self.attributes = attributes
    }
}

/// The filter a framework attaches to ACCEPT and DECLINE: don't offer me these resources again
/// for `refuseSeconds`.
public struct Filters: Hashable, Sendable {
    public var refuseSeconds: Double

    public init(refuseSeconds: Double = 5) { self.refuseSeconds = refuseSeconds }

    public static let `default` = Filters()
}

/// Where the master is, as SUBSCRIBED reports it.
public struct MasterInfo: Hashable, Sendable {
    public var id: String
    public var ip: UInt32
    public var port: Int
    public var hostname: String
    public var version: String

    public init(id: String, ip: UInt32 = 0x0100_007F, port: Int = 5050, hostname: String, version: String) {
        self.id = id
        self.ip = ip
        self.port = port
        self.hostname = hostname
        self.version = version
    }
}
