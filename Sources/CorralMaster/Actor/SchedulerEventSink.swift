import CorralModel

/// Where the master puts one subscribed framework's events: the stream its connection reads,
/// or, for a driver in the same process, the driver's own inbox. A stream between the master
/// and a driver's inbox would need a task to relay it: one more thread to wake per event, on
/// the way of every status update and of every acknowledgement's round trip.
public struct SchedulerEventSink: Sendable {
    /// Hands one event over; never suspends, as the master sends inside its turn.
    public var deliver: @Sendable (SchedulerEvent) -> Void
    /// The subscription is over (the master closed it, or is going away).
    public var finish: @Sendable () -> Void

    public init(deliver: @escaping @Sendable (SchedulerEvent) -> Void, finish: @escaping @Sendable () -> Void) {
        self.deliver = deliver
        self.finish = finish
    }

    init(_ continuation: AsyncStream<SchedulerEvent>.Continuation) {
        self.init(deliver: { continuation.yield($0) }, finish: { continuation.finish() })
    }
}

/// One framework's subscription, to end with `Master.unsubscribe` when its reader goes away.
public struct FrameworkSubscription: Hashable, Sendable {
    let connection: ConnectionID
}
