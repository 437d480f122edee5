import CorralModel

extension ServicesCore {
    /// When the core next has something to do without an event: an app's launch backoff ending
    /// while it has instances to start, or an unreachable instance reaching its app's
    /// `inactiveAfterSeconds` (it stops counting and is replaced) or `expungeAfterSeconds` (it is
    /// forgotten), or a readiness probe coming due. The framework sleeps until then, or until the
    /// next event, and calls `step`. Deployment steps follow statuses and need no deadline.
    public func nextDeadline(now: ClusterInstant) -> ClusterInstant? {
        var deadlines: [ClusterInstant] = []
        for id in apps.keys {
            let app = apps[id]!
            if let end = app.backoff.delayedUntil, end > now, launchAllowance(id) > 0 { deadlines.append(end) }
            guard case .after(let inactiveAfter, let expungeAfter) = app.definition.unreachableStrategy else { continue }
            for instance in app.instances.values {
                guard let since = instance.unreachableSince else { continue }
                deadlines.append(since + .clampedSeconds(instance.inactive ? expungeAfter : min(inactiveAfter, expungeAfter)))
            }
        }
        if let probe = nextReadinessProbe(now: now) { deadlines.append(probe) }
        return deadlines.min()
    }
}
