import Synchronization

/// Hands each event to every subscriber's stream. A subscriber holds at most `limit` events it
/// has not read: one more ends its stream, so a reader that stalls is dropped (and reconnects)
/// instead of Services keeping events for it without bound.
public final class ServicesEventHub: Sendable {
    private struct Subscribers {
        var next = 0
        var streams: [Int: AsyncStream<ServicesEvent>.Continuation] = [:]
    }

    private let subscribers = Mutex(Subscribers())
    private let publishing = Mutex(())
    public let limit: Int

    public init(limit: Int = 1000) { self.limit = max(1, limit) }

    /// A new subscriber's stream; it ends when the reader stops reading (the stream is dropped
    /// or its task cancelled), falls `limit` events behind, or `finishAll` is called.
    public func subscribe() -> AsyncStream<ServicesEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ServicesEvent.self, bufferingPolicy: .bufferingOldest(limit))
        let id = subscribers.withLock { subscribers in
            subscribers.next += 1
            subscribers.streams[subscribers.next] = continuation
            return subscribers.next
        }
        continuation.onTermination = { [weak self] _ in self?.subscribers.withLock { _ = $0.streams.removeValue(forKey: id) } }
        return stream
    }

    public var subscriberCount: Int { subscribers.withLock { $0.streams.count } }

    /// Hands `event` to every subscriber, in the order events are published. The subscribers'
    /// lock is not held while handing it over: a yield wakes the reader's task, which takes that
    /// task's lock, while cancelling a reader holds that lock and ends its stream, which takes
    /// the subscribers' lock (that cycle stalled a test run). Publishing is serialized by a
    /// lock of its own, which a stream's end never takes.
    public func publish(_ event: ServicesEvent) {
        publishing.withLock { _ in
            let streams = subscribers.withLock { Array($0.streams.values) }
            for continuation in streams {
                if case .dropped = continuation.yield(event) { continuation.finish() }
            }
        }
    }

    public func finishAll() {
        let all = subscribers.withLock { Array($0.streams.values) }
        for continuation in all { continuation.finish() }
    }
}
