import CorralModel
import CorralSDK

/// A driver's core run as its actor runs it, on virtual time: the scheduler answers
/// `askKnownTasks` with `knownTasks`, `advance` ticks the core at each deadline it passes, and
/// every call the core sends is recorded. No clock, no sleeping.
struct DriverOnVirtualTime {
    var core: SchedulerDriverCore
    var now = ClusterInstant(seconds: 0)
    /// What the scheduler says it had before, when asked.
    var knownTasks: [ReconcileTask] = []
    private(set) var calls: [SchedulerCall] = []

    init(reconnects: Bool = false, implicitAcknowledgements: Bool = true, policy: ReconciliationPolicy = ReconciliationPolicy()) {
        let configuration = SchedulerDriverCore.Configuration(
            implicitAcknowledgements: implicitAcknowledgements, reconnects: reconnects, reconciliation: policy)
        core = SchedulerDriverCore(framework: FrameworkInfo(name: "f"), configuration: configuration)
    }

    /// The event's actions, with those of the scheduler's answer when it is asked for its tasks.
    @discardableResult mutating func handle(_ event: SchedulerDriverCore.Event) -> [SchedulerDriverCore.Action] {
        var actions: [SchedulerDriverCore.Action] = []
        for action in core.handle(event, now: now) {
            actions.append(action)
            if case .send(let call, _) = action { calls.append(call) }
            if case .askKnownTasks = action { actions += handle(.knownTasks(knownTasks)) }
        }
        return actions
    }

    /// Starts, opens a stream and hears SUBSCRIBED, as a master that answers at once.
    @discardableResult mutating func subscribe(as id: FrameworkID = "f1") -> [SchedulerDriverCore.Action] {
        handle(.start) + handle(.connected) + handle(.received(.subscribed(frameworkID: id, heartbeatIntervalSeconds: 15, masterInfo: nil)))
    }

    /// Moves time on, ticking the core at each of its deadlines on the way.
    mutating func advance(by duration: Duration) {
        let target = now + duration
        while let deadline = core.nextDeadline, deadline <= target {
            now = max(now, deadline)
            handle(.tick)
        }
        now = target
    }

    mutating func answer(_ statuses: TaskStatus...) {
        for status in statuses { handle(.received(.update(status))) }
    }

    /// The task IDs of every RECONCILE sent, in order; an empty list is an implicit one.
    var reconciles: [[TaskID]] {
        calls.compactMap { if case .reconcile(let tasks) = $0 { tasks.map(\.taskID) } else { nil } }
    }
}

extension SchedulerDriverCore.Action {
    /// How long a `.subscribe` waits, for the tests of the backoff.
    var subscribeDelay: Duration? {
        if case .subscribe(_, _, let delay) = self { delay } else { nil }
    }
}
