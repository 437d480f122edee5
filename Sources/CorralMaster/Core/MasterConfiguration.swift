import CorralAllocator
import CorralModel

public struct MasterConfiguration: Hashable, Sendable {
    public var hostname: String = "localhost"
    public var port: Int = 5050
    public var version: String = MesosVersion.implemented
    /// The periodic allocation pass (`--allocation-interval`); events trigger passes in between.
    public var allocationInterval: Duration = .seconds(1)
    /// Outstanding offers are rescinded after this long (`--offer-timeout`); nil keeps them.
    public var offerTimeout: Duration? = .seconds(60)
    /// Told to frameworks in SUBSCRIBED; the HTTP layer sends the heartbeats.
    public var heartbeatInterval: Double = 15
    /// An agent silent for this long is unreachable: its offers are rescinded and its tasks
    /// reported TASK_UNREACHABLE (or TASK_LOST to frameworks that are not partition-aware).
    /// Nil never times agents out (agents in the master's own process).
    public var agentTimeout: Duration? = nil
    /// After a restart, how long the agents the registry lists have to re-register with their
    /// tasks (`--agent-reregister-timeout`, Mesos's 10 minutes); the rest are then unreachable.
    public var agentReregisterTimeout: Duration = .seconds(600)
    /// Unreachable and gone agents older than this are forgotten (`--registry-max-agent-age`).
    public var registryMaxAgentAge: Duration = .seconds(14 * 24 * 3600)
    /// At most this many unreachable, and this many gone, agents are remembered
    /// (`--registry-max-agent-count`); the oldest go first.
    public var registryMaxAgentCount: Int = 102_400
    /// How often those bounds are applied (Mesos's `--registry_gc_interval`).
    public var registryGCInterval: Duration = .seconds(900)
    /// How many ended tasks the master remembers for snapshots and reconciliation.
    public var completedTasksToKeep: Int = 1000
    public var allocator = HierarchicalAllocator.Configuration()
    /// Who may register frameworks in which roles and run tasks as which users (`--acls`).
    public var acls = ACLs.allowAll
    /// Caps on what clients can make the master hold, each refused with a message when reached.
    public var maximumFrameworks = 10_000
    public var maximumAgents = 100_000
    public var maximumRolesPerFramework = 64
    public var maximumResourceNamesPerAgent = 64

    public init() {}
}
