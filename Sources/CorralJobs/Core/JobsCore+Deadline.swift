import CorralModel

extension JobsCore {
    /// When the core next needs a `tick`: a scheduled job's next run, or a run whose agent has
    /// been unreachable for `unreachableLimit`. The framework sleeps until then, or until the
    /// next event. Schedules name wall-clock times (ISO 8601), so a run is placed on `now`'s clock
    /// at the wall time it names (a clock set forward brings it forward, as in Chronos); the
    /// unreachable limit is a monotonic deadline.
    public func nextDeadline(now: ClusterInstant) -> ClusterInstant? {
        let runs = jobs.keys.compactMap { nextRun(of: $0, now: now) }.min().map { now.at(wall: $0) }
        let givingUp = unreachableSince.values.map { $0 + Self.unreachableLimit }.min()
        return [runs, givingUp].compactMap { $0 }.min()
    }
}
