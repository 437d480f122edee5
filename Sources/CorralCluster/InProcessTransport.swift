import CorralMaster
import CorralModel
import CorralSDK

/// The SDK's transport to a master in the same process: calls are method calls on the actor,
/// events arrive without serialisation.
public struct InProcessTransport: SchedulerTransport {
    public let master: Master

    public init(master: Master) { self.master = master }

    public var reconnects: Bool { false }

    public func subscribe(_ framework: FrameworkInfo, suppressedRoles: [String]) async throws -> AsyncThrowingStream<SchedulerEvent, any Error> {
        // The driver reads the master's own stream: a task relaying it would be one more thread
        // to wake for every event. Ending the read (the driver cancels it when it stops) ends
        // the master's stream too, which is how the master learns that the framework left.
        let events = EventIterator(await master.subscribe(framework, suppressedRoles: suppressedRoles).makeAsyncIterator())
        return AsyncThrowingStream { await events.next() }
    }

    public func send(_ call: SchedulerCall, frameworkID: FrameworkID) async throws {
        try await master.call(call, from: frameworkID)
    }
}

/// The master's stream of one framework's events, read by the one driver it was made for.
private final class EventIterator: @unchecked Sendable {
    // Unchecked: only the stream built on it calls `next`, and a stream serves one reader, one
    // call at a time.
    private var base: AsyncStream<SchedulerEvent>.Iterator

    init(_ base: AsyncStream<SchedulerEvent>.Iterator) { self.base = base }

    func next() async -> SchedulerEvent? { await base.next() }
}
