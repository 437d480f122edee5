import CorralModel
import CorralSDK

/// A batch framework: a stream of one-cpu tasks of a few seconds each, at most one launched
/// per round of offers so that the allocator, not the framework, decides the shares.
struct BatchScheduler: SimScheduler {
    let name: String
    var random: SeededRandom
    var nextTask = 0
    var running: [TaskID: AgentID?] = [:]
    var open = true
    var finished = 0
    /// When each task was reported unreachable: after `unreachableLimit` the batch gives up on
    /// it (Marathon's expunge), since its agent may never come back under its ID.
    var unreachableSince: [TaskID: ClusterInstant] = [:]
    static let unreachableLimit: Duration = .seconds(60)
    static let taskResources = Resources("cpus:1;mem:128") ?? Resources()

    init(name: String, seed: UInt64) {
        self.name = name
        self.random = SeededRandom(seed: seed)
    }

    mutating func subscribed(now: ClusterInstant) -> [FrameworkAction] { [] }

    mutating func offers(_ offers: [Offer], now: ClusterInstant) -> [FrameworkAction] {
        var actions: [FrameworkAction] = []
        var launchedOne = false
        for offer in offers {
            let fits = offer.resources.unallocated().contains(Self.taskResources)
            guard open, fits, !launchedOne else {
                // An offer it could use goes back at once, for the allocator to hand out again
                // in DRF order; one too small for a task is refused for Mesos's default 5 s.
                actions.append(.decline([offer.id], refuseSeconds: open && fits ? 0 : 5))
                continue
            }
            launchedOne = true
            let id = TaskID("\(name)-\(nextTask)")
            nextTask += 1
            let seconds = Int.random(in: 3...15, using: &random)
            let task = TaskInfo(
                name: id.value, taskID: id, agentID: offer.agentID, resources: Self.taskResources.allocated(to: offer.role),
                command: .shell("sleep \(seconds)"))
            running[id] = offer.agentID
            actions.append(.launch(offer.id, [task]))
        }
        return actions
    }

    /// TASK_UNKNOWN ends a task as far as the batch is concerned: the master, having heard of
    /// every agent again, does not know it (its launch was lost). A task it does not track is
    /// one it already saw end (a late retry) or never had: it is killed, never adopted.
    mutating func update(_ status: TaskStatus, now: ClusterInstant) -> [FrameworkAction] {
        if status.state.isTerminal || status.state == .unknown {
            if running.removeValue(forKey: status.taskID) != nil, status.state == .finished { finished += 1 }
            unreachableSince[status.taskID] = nil
            return []
        }
        guard running[status.taskID] != nil else { return [.kill(status.taskID, status.agentID)] }
        if status.state == .unreachable {
            if unreachableSince[status.taskID] == nil { unreachableSince[status.taskID] = now }
        } else {
            running[status.taskID] = status.agentID
            unreachableSince[status.taskID] = nil
        }
        return []
    }

    /// Tasks unreachable for too long are given up: killed (should their agent come back) and
    /// no longer counted.
    mutating func tick(now: ClusterInstant) -> [FrameworkAction] {
        let expired = unreachableSince.filter { now - $0.value >= Self.unreachableLimit }.keys.sorted()
        return expired.map { id in
            unreachableSince[id] = nil
            return .kill(id, running.removeValue(forKey: id) ?? nil)
        }
    }
    func wantsOffers(now: ClusterInstant) -> Bool { open }
    func nextDeadline(now: ClusterInstant) -> ClusterInstant? { unreachableSince.values.min().map { $0 + Self.unreachableLimit } }
    var knownTasks: [ReconcileTask] { running.keys.sorted().map { ReconcileTask(taskID: $0, agentID: running[$0] ?? nil) } }
    var liveTasks: Set<TaskID> { Set(running.keys) }
    func restarted(now: ClusterInstant) -> any SimScheduler { self }
    mutating func closeBacklog() { open = false }
}
