import CorralModel

/// A task's health as Mesos judges it, from the results of its checks: a value that is handed
/// each result and the time, and says when the framework must hear of a change. No clock, no
/// processes: the monitor around it runs the checks.
///
/// - Until the first success, failures within `gracePeriodSeconds` of the task's start are not
///   counted: the task may still be starting up.
/// - `consecutiveFailures` failures in a row make the task unhealthy (Mesos's executors kill it
///   then; here the framework decides, see `Agent.reportHealth`).
/// - A success makes it healthy again at once.
/// - Only changes are reported, the first verdict included: healthy on the first success, or
///   unhealthy when the failures add up before any success.
struct HealthTracker: Hashable, Sendable {
    let startedAt: ClusterInstant
    let gracePeriod: Duration
    /// At least 1: a check must fail once to make a task unhealthy.
    let failuresToUnhealthy: Int
    /// The verdict last reported; nil before the first.
    private(set) var healthy: Bool?
    private(set) var consecutiveFailures = 0
    private var hasPassed = false

    init(check: HealthCheck, startedAt: ClusterInstant) {
        self.startedAt = startedAt
        gracePeriod = .clampedSeconds(check.gracePeriodSeconds)
        failuresToUnhealthy = max(1, check.consecutiveFailures)
    }

    /// A verdict the framework has not heard yet.
    struct Change: Hashable, Sendable {
        var healthy: Bool
        /// What the attempt that decided it found.
        var message: String
    }

    /// Takes the result of an attempt that ended at `now`; returns the change to report, if any.
    mutating func record(_ result: HealthCheckResult, at now: ClusterInstant) -> Change? {
        if result.passed {
            hasPassed = true
            consecutiveFailures = 0
            return settle(healthy: true, result.message)
        }
        if !hasPassed, now - startedAt < gracePeriod { return nil }
        consecutiveFailures += 1
        guard consecutiveFailures >= failuresToUnhealthy else { return nil }
        return settle(healthy: false, result.message)
    }

    private mutating func settle(healthy verdict: Bool, _ message: String) -> Change? {
        guard healthy != verdict else { return nil }
        healthy = verdict
        return Change(healthy: verdict, message: message)
    }
}
