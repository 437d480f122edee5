import Synchronization

/// A value given once and awaited by any number of callers, before or after it is given: how a
/// process ended (completed by the reaper), or the first of several racing answers. Later
/// completions are ignored.
public final class Latch<Value: Sendable>: Sendable {
    private enum State {
        case pending([CheckedContinuation<Value, Never>])
        case completed(Value)
    }

    private let state: Mutex<State>

    public init() { state = Mutex(.pending([])) }

    /// A latch already given its value (a process known to have ended).
    public init(completed value: Value) { state = Mutex(.completed(value)) }

    /// The value, once given.
    public var result: Value? {
        state.withLock { state in
            if case .completed(let value) = state { value } else { nil }
        }
    }

    public func complete(_ value: Value) {
        let waiters = state.withLock { state -> [CheckedContinuation<Value, Never>] in
            guard case .pending(let waiters) = state else { return [] }
            state = .completed(value)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    public func wait() async -> Value {
        if let result { return result }
        return await withCheckedContinuation { continuation in
            let completed = state.withLock { state -> Value? in
                switch state {
                case .pending(let waiters):
                    state = .pending(waiters + [continuation])
                    return nil
                case .completed(let value):
                    return value
                }
            }
            if let completed { continuation.resume(returning: completed) }
        }
    }
}
