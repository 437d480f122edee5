/// A consistent picture of the cluster at one moment: every number in it was read at once.
public struct ClusterSnapshot: Hashable, Sendable {
    public var time: Time
    public var startedAt: Time
    public var masterInfo: MasterInfo
    public var agents: [AgentSnapshot]
    public var frameworks: [FrameworkSnapshot]
    public var offers: [OfferSnapshot]
    public var tasks: [TaskRecord]
    /// Tasks that ended, newest last (a bounded history).
    public var completedTasks: [TaskRecord]
    public var roles: [RoleSnapshot]
    /// The framework the allocator will offer to next.
    public var nextFramework: FrameworkID?
    /// Offers made since the master started: with time, the offer rate.
    public var offersMade: Int
    /// The latest usage sample of each running task.
    public var taskUsage: [TaskKey: ResourceUsage]
    /// Frameworks that were torn down or timed out, newest last (a bounded history).
    public var completedFrameworks: [FrameworkSnapshot]
    /// The registry's: which cluster this is, across master restarts.
    public var clusterID: String?
    /// Agents admitted before the master's last restart that have not re-registered yet.
    public var recoveredAgents: [AgentInfo] = []
    /// Agents the master found unreachable (their tasks may come back with them), by ID.
    public var unreachableAgents: [AgentAbsence] = []
    /// Agents an operator marked gone: they may never register again.
    public var goneAgents: [AgentAbsence] = []
    /// How many tasks ended in each terminal state since the master started; nil where that is
    /// not known (a snapshot rebuilt from the operator API, or one filtered for a principal).
    public var tasksEnded: [TaskState: Int]?

    public init(
        time: Time, startedAt: Time, masterInfo: MasterInfo, agents: [AgentSnapshot] = [],
        frameworks: [FrameworkSnapshot] = [], offers: [OfferSnapshot] = [], tasks: [TaskRecord] = [],
        completedTasks: [TaskRecord] = [], roles: [RoleSnapshot] = [], nextFramework: FrameworkID? = nil,
        offersMade: Int = 0, taskUsage: [TaskKey: ResourceUsage] = [:], completedFrameworks: [FrameworkSnapshot] = []
    ) {
        self.taskUsage = taskUsage
        self.completedFrameworks = completedFrameworks
        self.time = time
        self.startedAt = startedAt
        self.masterInfo = masterInfo
        self.agents = agents
        self.frameworks = frameworks
        self.offers = offers
        self.tasks = tasks
        self.completedTasks = completedTasks
        self.roles = roles
        self.nextFramework = nextFramework
        self.offersMade = offersMade
    }
}

/// An agent the registry lists as unreachable or gone, and since when.
public struct AgentAbsence: Hashable, Sendable {
    public var agentID: AgentID
    public var since: Time

    public init(agentID: AgentID, since: Time) {
        self.agentID = agentID
        self.since = since
    }
}

public struct AgentSnapshot: Hashable, Sendable {
    public var info: AgentInfo
    public var id: AgentID
    public var active: Bool
    public var registeredAt: Time
    public var total: Resources
    /// Held by tasks.
    public var used: Resources
    /// In outstanding offers.
    public var offered: Resources
    public var usage: ResourceUsage?
    public var taskCount: Int
    public var isolation: String?

    public init(
        info: AgentInfo, id: AgentID, active: Bool, registeredAt: Time, total: Resources,
        used: Resources, offered: Resources, usage: ResourceUsage?, taskCount: Int, isolation: String?
    ) {
        self.info = info
        self.id = id
        self.active = active
        self.registeredAt = registeredAt
        self.total = total
        self.used = used
        self.offered = offered
        self.usage = usage
        self.taskCount = taskCount
        self.isolation = isolation
    }
}

public struct FrameworkSnapshot: Hashable, Sendable {
    public var info: FrameworkInfo
    public var id: FrameworkID
    public var active: Bool
    public var connected: Bool
    public var registeredAt: Time
    /// Dominant share over the cluster, before role weights.
    public var dominantShare: Double
    public var used: Resources
    public var offered: Resources
    public var taskCount: Int
    public var offerCount: Int
    /// Learned from an agent after a master restart; the framework has not subscribed again yet.
    public var recovered: Bool

    public init(
        info: FrameworkInfo, id: FrameworkID, active: Bool, connected: Bool, registeredAt: Time,
        dominantShare: Double, used: Resources, offered: Resources, taskCount: Int, offerCount: Int, recovered: Bool = false
    ) {
        self.recovered = recovered
        self.info = info
        self.id = id
        self.active = active
        self.connected = connected
        self.registeredAt = registeredAt
        self.dominantShare = dominantShare
        self.used = used
        self.offered = offered
        self.taskCount = taskCount
        self.offerCount = offerCount
    }
}

public struct OfferSnapshot: Hashable, Sendable {
    public var offer: Offer
    public var createdAt: Time

    public init(offer: Offer, createdAt: Time) {
        self.offer = offer
        self.createdAt = createdAt
    }
}

public struct RoleSnapshot: Hashable, Sendable {
    public var name: String
    public var weight: Double
    /// Weighted dominant share.
    public var dominantShare: Double
    public var frameworks: [FrameworkID]
    public var allocated: Resources

    public init(name: String, weight: Double, dominantShare: Double, frameworks: [FrameworkID], allocated: Resources) {
        self.name = name
        self.weight = weight
        self.dominantShare = dominantShare
        self.frameworks = frameworks
        self.allocated = allocated
    }
}
