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
        let events = await master.subscribe(framework, suppressedRoles: suppressedRoles)
        return AsyncThrowingStream { continuation in
            // Ending the read ends the relay, and with it the master's stream.
            let relay = Task {
                for await event in events { continuation.yield(event) }
                continuation.finish()
            }
            continuation.onTermination = { _ in relay.cancel() }
        }
    }

    /// The master puts each event straight into the driver's inbox: reading a stream of them
    /// would take one more thread to wake per event. Cancelling (the driver stops) ends the
    /// subscription, which is how the master learns that the framework left.
    public func subscribe(
        _ framework: FrameworkInfo, suppressedRoles: [String], connected: @escaping @Sendable () -> Void,
        deliver: @escaping @Sendable (SchedulerEvent) -> Void
    ) async throws {
        let (ended, end) = AsyncStream.makeStream(of: Never.self)
        connected()
        let subscription = await master.subscribe(framework, suppressedRoles: suppressedRoles, into: SchedulerEventSink(deliver: deliver, finish: { end.finish() }))
        await withTaskCancellationHandler {
            for await _ in ended {}
        } onCancel: {
            end.finish()
        }
        await master.unsubscribe(subscription)
    }

    public func send(_ call: SchedulerCall, frameworkID: FrameworkID) async throws {
        try await master.call(call, from: frameworkID)
    }
}
