import CorralModel

/// One subscription's reconciliation, as `ReconciliationPolicy` has it: an explicit RECONCILE of
/// every tracked task once the scheduler has named its own, again with backoff for those no
/// update came for until none is left; then, periodically, an implicit one and an explicit one.
/// Each step returns the RECONCILEs to send (an empty list asks about every task of the
/// framework) and leaves `deadline` at the next step's time.
struct ReconciliationSchedule: Sendable {
    enum Stage: Sendable {
        /// Waiting for the scheduler to name the tasks it had before.
        case awaitingKnownTasks
        /// Asked about `pending` when `mark` updates had been heard; at the deadline, asks again
        /// about those still silent and then waits `nextDelay`.
        case retrying(pending: [ReconcileTask], mark: UInt64, nextDelay: Duration)
        /// Every task was answered for: both kinds at the deadline.
        case periodic
    }

    let policy: ReconciliationPolicy
    private(set) var stage = Stage.awaitingKnownTasks
    private(set) var deadline: ClusterInstant?

    init(policy: ReconciliationPolicy) { self.policy = policy }

    /// The scheduler named its tasks (they are in `tasks` now): ask about every tracked task
    /// but launches that may still be on their way.
    mutating func begin(with tasks: TaskTracker, now: ClusterInstant) -> [[ReconcileTask]] {
        guard case .awaitingKnownTasks = stage else { return [] }
        return ask(tasks.reconcilable(at: now), heard: tasks.updatesHeard, delay: policy.initialBackoff, now: now)
    }

    /// What is due at `now`, if the deadline has come.
    mutating func due(with tasks: TaskTracker, now: ClusterInstant) -> [[ReconcileTask]] {
        guard let deadline, deadline <= now else { return [] }
        switch stage {
        case .awaitingKnownTasks:
            return []
        case .retrying(let pending, let mark, let delay):
            return ask(tasks.unanswered(pending, since: mark), heard: tasks.updatesHeard, delay: delay, now: now)
        case .periodic:
            self.deadline = now + policy.interval
            let explicit = tasks.reconcilable(at: now)
            return [[]] + (explicit.isEmpty ? [] : [explicit])
        }
    }

    /// Asks about `pending` and retries after `delay`; with nothing pending, the periodic
    /// reconciliation takes over.
    private mutating func ask(_ pending: [ReconcileTask], heard: UInt64, delay: Duration, now: ClusterInstant) -> [[ReconcileTask]] {
        guard !pending.isEmpty else {
            stage = .periodic
            deadline = now + policy.firstPeriodic
            return []
        }
        stage = .retrying(pending: pending, mark: heard, nextDelay: min(delay * 2, policy.maximumBackoff))
        deadline = now + delay
        return [pending]
    }
}
