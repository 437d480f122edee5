import Synchronization

/// How a process ended (a container's `ContainerTermination`, or a checked command's
/// `ExitStatus`): completed once, by the reaper, and awaited by any number of callers, before or
/// after it completes.
final class TerminationLatch<Termination: Sendable>: Sendable {
    private enum State {
        case pending([CheckedContinuation<Termination, Never>])
        case completed(Termination)
    }

    private let state: Mutex<State>

    init() { state = Mutex(.pending([])) }

    /// A latch for a process known to have ended already.
    init(completed termination: Termination) { state = Mutex(.completed(termination)) }

    /// The termination, once the process has been reaped.
    var result: Termination? {
        state.withLock { state in
            if case .completed(let termination) = state { termination } else { nil }
        }
    }

    func complete(_ termination: Termination) {
        let waiters = state.withLock { state -> [CheckedContinuation<Termination, Never>] in
            guard case .pending(let waiters) = state else { return [] }
            state = .completed(termination)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: termination) }
    }

    func wait() async -> Termination {
        if let result { return result }
        return await withCheckedContinuation { continuation in
            let completed = state.withLock { state -> Termination? in
                switch state {
                case .pending(let waiters):
                    state = .pending(waiters + [continuation])
                    return nil
                case .completed(let termination):
                    return termination
                }
            }
            if let completed { continuation.resume(returning: completed) }
        }
    }
}
