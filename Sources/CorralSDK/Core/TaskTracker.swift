import CorralModel

/// What a driver knows of its framework's tasks from the calls it sent and the updates it
/// heard: the tasks to reconcile, which of them the master has answered for, and which updates
/// come too late to matter. A value, so that the driver and the simulation share it.
public struct TaskTracker: Sendable {
    /// Tasks launched or heard of, until an update says they ended.
    public private(set) var tracked: [TaskID: ReconcileTask] = [:]
    /// Updates heard so far, and in which of them each task was last heard of: what tells a
    /// reconciliation answer from silence.
    public private(set) var updatesHeard: UInt64 = 0
    private var lastHeard: [TaskID: UInt64] = [:]
    /// When each task was sent, in a launch of this subscription, that no update has answered yet.
    private var launching: [TaskID: ClusterInstant] = [:]
    /// How long a launch has to reach the master before reconciliation asks about its tasks: a
    /// RECONCILE that overtakes the ACCEPT would be answered TASK_GONE for a task about to start.
    public static let launchSettle: Duration = .seconds(10)
    /// Tasks heard to have ended for good, the most recent `endedLimit` of them.
    private var ended: Set<TaskID> = []
    private var endedOrder: [TaskID] = []
    private var endedStart = 0
    static let endedLimit = 10_000

    public init() {}

    /// Tasks a launch sends out.
    public mutating func sent(_ call: SchedulerCall, at now: ClusterInstant) {
        guard case .accept(_, let operations, _) = call else { return }
        for task in operations.flatMap(\.launchedTasks) {
            tracked[task.taskID] = ReconcileTask(taskID: task.taskID, agentID: task.agentID)
            launching[task.taskID] = now
        }
    }

    /// A new subscription: launches sent before it are asked about at once (this master may
    /// never have seen them); only those sent from now on get time to arrive.
    public mutating func subscribed() {
        launching = [:]
    }

    /// Tasks the scheduler says it had (before a restart of its process, say).
    public mutating func adopt(_ tasks: [ReconcileTask]) {
        for task in tasks where tracked[task.taskID] == nil && !ended.contains(task.taskID) { tracked[task.taskID] = task }
    }

    /// Notes an update; false when it is stale and must not reach the scheduler (it is still
    /// acknowledged). A task that ended cannot run again: a non-terminal update after a terminal
    /// one is an agent's retry of an update whose acknowledgement was lost, overtaken by the
    /// task's end told by reconciliation or by the master. TASK_LOST is the exception, as
    /// Mesos has it: a framework that is not partition-aware hears it for a task whose agent
    /// may yet come back.
    public mutating func heard(_ status: TaskStatus) -> Bool {
        if !status.state.isTerminal, ended.contains(status.taskID) { return false }
        updatesHeard += 1
        launching[status.taskID] = nil
        if status.state.isTerminal {
            tracked[status.taskID] = nil
            lastHeard[status.taskID] = nil
            if status.state != .lost { remember(status.taskID) }
        } else {
            tracked[status.taskID] = ReconcileTask(taskID: status.taskID, agentID: status.agentID ?? tracked[status.taskID]?.agentID)
            lastHeard[status.taskID] = updatesHeard
        }
        return true
    }

    /// Of `pending`, the tasks still tracked that no update has named since `mark` (a value of
    /// `updatesHeard`).
    public func unanswered(_ pending: [ReconcileTask], since mark: UInt64) -> [ReconcileTask] {
        pending.filter { tracked[$0.taskID] != nil && (lastHeard[$0.taskID] ?? 0) <= mark }
    }

    /// The tracked tasks in ID order.
    public var known: [ReconcileTask] { tracked.values.sorted { $0.taskID < $1.taskID } }

    /// The tracked tasks to ask the master about now: all but those whose launch may still be
    /// on its way.
    public func reconcilable(at now: ClusterInstant) -> [ReconcileTask] {
        known.filter { task in launching[task.taskID].map { now - $0 >= Self.launchSettle } ?? true }
    }

    private mutating func remember(_ taskID: TaskID) {
        guard ended.insert(taskID).inserted else { return }
        if endedOrder.count < Self.endedLimit {
            endedOrder.append(taskID)
        } else {
            ended.remove(endedOrder[endedStart])
            endedOrder[endedStart] = taskID
            endedStart = (endedStart + 1) % Self.endedLimit
        }
    }
}
