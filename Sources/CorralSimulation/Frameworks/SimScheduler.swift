import CorralModel
import CorralSDK

/// A framework's logic as the simulation drives it: the pure core of Services, Jobs or the
/// batch framework, behind the calls its driver makes. The whole value is what the framework
/// keeps durable before it acts, so a crash restarts it from the value as it was.
protocol SimScheduler: Sendable {
    mutating func subscribed(now: ClusterInstant) -> [FrameworkAction]
    mutating func offers(_ offers: [Offer], now: ClusterInstant) -> [FrameworkAction]
    mutating func update(_ status: TaskStatus, now: ClusterInstant) -> [FrameworkAction]
    mutating func tick(now: ClusterInstant) -> [FrameworkAction]
    func wantsOffers(now: ClusterInstant) -> Bool
    /// When it next needs a `tick`, as its framework's timer would wake it.
    func nextDeadline(now: ClusterInstant) -> ClusterInstant?
    /// The tasks it asks the master about after subscribing.
    var knownTasks: [ReconcileTask] { get }
    /// The tasks it counts as alive: what must match the master's view in the end.
    var liveTasks: Set<TaskID> { get }
    /// What is wrong, once the cluster has settled, with what this framework manages.
    func unsettled(now: ClusterInstant) -> [String]
    /// The framework as a restart brings it back from its store.
    func restarted(now: ClusterInstant) -> any SimScheduler
    /// Stop taking on new work (the run is winding down).
    mutating func closeBacklog()
}

extension SimScheduler {
    func unsettled(now: ClusterInstant) -> [String] { [] }
    mutating func closeBacklog() {}
}
