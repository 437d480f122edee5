import CorralModel

/// Runs a running task's health check on its schedule and reports changes of its health: the
/// first attempt after `delaySeconds`, the next `intervalSeconds` after each one ends (as
/// Mesos's health checker does), each bounded by `timeoutSeconds`. The decisions are
/// `HealthTracker`'s; this only supplies results and time.
struct HealthMonitor: Sendable {
    /// Checks back to back would fork without pause: an interval below this is raised to it.
    static let minimumInterval = 0.1

    let check: HealthCheck
    let probe: any HealthProbe
    let clock: any ClusterClock

    /// Runs until cancelled, calling `report` with each change. Grace is counted from the call.
    func run(report: (HealthTracker.Change) async -> Void) async {
        var tracker = HealthTracker(check: check, startedAt: clock.now)
        guard (try? await clock.sleep(for: .clampedSeconds(check.delaySeconds))) != nil else { return }
        repeat {
            let result = await attempt()
            // An attempt cut short because the task ended says nothing about its health.
            if Task.isCancelled { return }
            if let change = tracker.record(result, at: clock.now) { await report(change) }
        } while (try? await clock.sleep(for: .clampedSeconds(max(check.intervalSeconds, Self.minimumInterval)))) != nil
    }

    /// One attempt, or a failure when it outlives the timeout (the attempt is cancelled, which
    /// kills a check command and closes a socket, and awaited). A timeout of 0 sets no bound.
    func attempt() async -> HealthCheckResult {
        let timeout = check.timeoutSeconds
        return await withTaskGroup(of: HealthCheckResult?.self) { [probe, clock] group in
            group.addTask { await probe.attempt() }
            if timeout > 0 {
                group.addTask {
                    try? await clock.sleep(for: .clampedSeconds(timeout))
                    return nil
                }
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failed("\(probe.name): timed out after \(timeout) s")
        }
    }
}
