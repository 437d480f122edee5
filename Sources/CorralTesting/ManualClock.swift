import CorralModel
import Synchronization

/// A clock that moves only when a test says so. Sleepers wake, in deadline order, when
/// `advance` passes their deadline: a test of a 60-second timeout takes no time at all.
/// `jumpWall` moves the wall reading alone, as NTP or `date -s` would.
public final class ManualClock: ClusterClock {
    private struct Sleeper {
        var deadline: ClusterInstant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: ClusterInstant
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
    }

    private let state: Mutex<State>

    public init(now: Time = Time(seconds: 1_700_000_000)) {
        state = Mutex(State(now: ClusterInstant(offset: .zero, wall: now)))
    }

    public var now: ClusterInstant { state.withLock { $0.now } }

    public var minimumResolution: Duration { .nanoseconds(1) }

    /// How many tasks are waiting in `sleep`; tests wait for this before advancing.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline anyone sleeps until, if anyone sleeps.
    public var nextWake: ClusterInstant? { state.withLock { $0.sleepers.values.map(\.deadline).min() } }

    public func sleep(until deadline: ClusterInstant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Checked under the lock: cancellation sets the flag before it runs `onCancel`,
                // so either this sees it or `onCancel` finds the sleeper. A task cancelled before
                // it slept would otherwise wait for `advance`.
                let resumeNow: Result<Void, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward and wakes everyone whose deadline has come.
    public func advance(by duration: Duration) {
        let woken: [Sleeper] = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers[id] = nil }
            return due.values.sorted { $0.deadline < $1.deadline }
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Moves time forward, then waits (at most `timeout` seconds of real time) until as many
    /// tasks sleep as before: whoever woke has done what was due and gone back to sleep. What
    /// has not happened then will not happen before time moves again, so a test can assert that
    /// something did not happen without sleeping and hoping. False if they never settled.
    public func advanceUntilSettled(by duration: Duration, timeout: Double = 10) async -> Bool {
        let sleeping = sleeperCount
        advance(by: duration)
        return await eventually(timeout: timeout) { self.sleeperCount >= sleeping }
    }

    /// Moves time forward to `deadline` (if it is ahead) and wakes whoever it is due for.
    public func advance(to deadline: ClusterInstant) {
        advance(by: max(.zero, now.duration(to: deadline)))
    }

    /// Moves the wall clock alone, as a clock step would: no deadline moves and nobody wakes.
    public func jumpWall(by seconds: Double) {
        state.withLock { $0.now.wall = $0.now.wall + seconds }
    }
}
