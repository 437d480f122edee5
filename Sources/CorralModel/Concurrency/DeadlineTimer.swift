import Synchronization

/// Wakes an actor when its core's next deadline comes, on the actor's clock: the actor arms it
/// with that deadline after every change, and the timer sleeps until then (or until it is armed
/// again) instead of waking on a fixed beat. The master and the frameworks keep time this way.
public final class DeadlineTimer: Sendable {
    private struct State {
        var deadline: ClusterInstant?
        var sleeper: Task<Void, Never>?
    }

    private let clock: any ClusterClock
    private let wake: @Sendable () async -> Void
    private let state = Mutex(State())

    /// `wake` runs once for each deadline that comes.
    public init(clock: any ClusterClock, wake: @escaping @Sendable () async -> Void) {
        self.clock = clock
        self.wake = wake
    }

    /// The deadline the timer sleeps until, if any.
    public var deadline: ClusterInstant? { state.withLock { $0.deadline } }

    /// Sleeps until `deadline` in place of whatever it slept until; nil sleeps until armed again.
    /// The same deadline again changes nothing. A deadline already past wakes after a
    /// millisecond: a deadline the wake did not move must not spin.
    public func arm(at deadline: ClusterInstant?) {
        state.withLock { state in
            guard deadline != state.deadline else { return }
            state.sleeper?.cancel()
            state.deadline = deadline
            state.sleeper = deadline.map { deadline in
                // Read now, not in the task: a clock moved before the task starts must wake it.
                let wakeAt = max(deadline, clock.now.advanced(by: .milliseconds(1)))
                return Task { [clock, wake, weak self] in
                    guard (try? await clock.sleep(until: wakeAt, tolerance: nil)) != nil else { return }
                    self?.fired(deadline)
                    await wake()
                }
            }
        }
    }

    /// As `arm(at:)` when `deadline` is earlier than the one the timer sleeps until (or it sleeps
    /// until none); otherwise nothing changes, and the wake comes early. For an actor whose
    /// deadline moves with nearly every event, and whose wake does nothing that is not yet due.
    public func arm(notAfter deadline: ClusterInstant) {
        if let armed = self.deadline, armed <= deadline { return }
        arm(at: deadline)
    }

    /// Stops sleeping; nothing wakes until the timer is armed again.
    public func disarm() { arm(at: nil) }

    private func fired(_ deadline: ClusterInstant) {
        state.withLock { state in
            guard state.deadline == deadline else { return }
            state.deadline = nil
            state.sleeper = nil
        }
    }
}
