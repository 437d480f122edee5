import Synchronization

/// A value given once and awaited by any number of callers, before or after it is given: how a
/// process ended (completed by the reaper), or the first of several racing answers. Later
/// completions are ignored.
public final class Latch<Value: Sendable>: Sendable {
    private enum State {
        case pending([@Sendable (Value) -> Void])
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
        let waiters = state.withLock { state -> [@Sendable (Value) -> Void] in
            guard case .pending(let waiters) = state else { return [] }
            state = .completed(value)
            return waiters
        }
        for waiter in waiters { waiter(value) }
    }

    public func wait() async -> Value {
        if let result { return result }
        return await withCheckedContinuation { continuation in
            whenComplete { continuation.resume(returning: $0) }
        }
    }

    /// Calls `handler` with the value once it is given: at once, on this thread, when it already
    /// was; otherwise on the thread that gives it, which it must not hold up. No task waits, so
    /// none has to be woken: how a process's end reaches an inbox straight from the reaper.
    public func whenComplete(_ handler: @escaping @Sendable (Value) -> Void) {
        let completed = state.withLock { state -> Value? in
            switch state {
            case .pending(let waiters):
                state = .pending(waiters + [handler])
                return nil
            case .completed(let value):
                return value
            }
        }
        if let completed { handler(completed) }
    }
}
