import CorralAllocator
import CorralModel

public struct MasterConfiguration: Hashable, Sendable {
    public var hostname: String = "localhost"
    public var port: Int = 5050
    public var version: String = "1.11.0"
    /// The periodic allocation pass (`--allocation-interval`); events trigger passes in between.
    public var allocationInterval: Double = 1
    /// Outstanding offers are rescinded after this long (`--offer-timeout`); nil keeps them.
    public var offerTimeout: Double? = 60
    /// Told to frameworks in SUBSCRIBED; the HTTP layer sends the heartbeats.
    public var heartbeatInterval: Double = 15
    /// An agent silent for this long is unreachable: its offers are rescinded and its tasks
    /// reported TASK_UNREACHABLE (or TASK_LOST to frameworks that are not partition-aware).
    /// Nil never times agents out (agents in the master's own process).
    public var agentTimeout: Double? = nil
    /// How many ended tasks the master remembers for snapshots and reconciliation.
    public var completedTasksToKeep: Int = 1000
    public var allocator = HierarchicalAllocator.Configuration()

    public init() {}
}
