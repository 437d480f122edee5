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
        // Reading ends when the driver stops; ending the iterator ends the master's stream too,
        // which is how the master learns that the framework disconnected.
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: SchedulerEvent.self)
        let relay = _Concurrency.Task {
            for await event in events { continuation.yield(event) }
            continuation.finish()
        }
        continuation.onTermination = { _ in relay.cancel() }
        return stream
    }

    public func send(_ call: SchedulerCall, frameworkID: FrameworkID) async throws {
        try await master.call(call, from: frameworkID)
    }
}
