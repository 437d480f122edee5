import CorralModel

/// A lower bound on the earliest of many deadlines (agents falling silent, offers timing out),
/// kept without walking them: it is lowered as deadlines are added, never raised by deadlines
/// that move later (a ping, an offer answered), and made exact by the walk that runs once it has
/// passed. So it may wake the core early, never late; before it has passed there is no walk.
struct DeadlineFloor: Hashable, Sendable {
    /// nil: no deadline is pending.
    private(set) var instant: ClusterInstant?

    mutating func lower(to deadline: ClusterInstant) {
        instant = min(instant ?? deadline, deadline)
    }

    func hasPassed(_ now: ClusterInstant) -> Bool {
        instant.map { $0 <= now } ?? false
    }

    /// Whether the floor is at or before `earliest`, the true earliest deadline (the invariant).
    func isAtOrBefore(_ earliest: ClusterInstant) -> Bool {
        instant.map { $0 <= earliest } ?? false
    }
}
