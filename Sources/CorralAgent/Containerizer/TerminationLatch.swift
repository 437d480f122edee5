import Synchronization

/// A container's termination: completed once, by the reaper, and awaited by any number of callers,
/// before or after it completes.
final class TerminationLatch: Sendable {
    private enum State {
        case pending([CheckedContinuation<ContainerTermination, Never>])
        case completed(ContainerTermination)
    }

    private let state = Mutex(State.pending([]))

    /// The termination, once the container's first process has been reaped.
    var result: ContainerTermination? {
        state.withLock { state in
            if case .completed(let termination) = state { termination } else { nil }
        }
    }

    func complete(_ termination: ContainerTermination) {
        let waiters = state.withLock { state -> [CheckedContinuation<ContainerTermination, Never>] in
            guard case .pending(let waiters) = state else { return [] }
            state = .completed(termination)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: termination) }
    }

    func wait() async -> ContainerTermination {
        if let result { return result }
        return await withCheckedContinuation { continuation in
            let completed = state.withLock { state -> ContainerTermination? in
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
