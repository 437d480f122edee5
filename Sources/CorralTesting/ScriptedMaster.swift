import CorralModel
import CorralSDK
import Synchronization

/// A master played by the test, for a framework's driver: it subscribes the framework at once,
/// hands it the events the test sends, records every call, and can hold calls of one type (say
/// DECLINE) on their way until the test lets them through — to put the framework in the middle
/// of an answer and see what it does when something else happens then.
public final class ScriptedMaster: SchedulerTransport {
    private struct State {
        var calls: [SchedulerCall] = []
        var sink: AsyncThrowingStream<SchedulerEvent, any Error>.Continuation?
        var holding: String?
        var held: [CheckedContinuation<Void, Never>] = []
        var subscriptions = 0
    }

    private let state = Mutex(State())
    public let frameworkID: FrameworkID

    public init(frameworkID: FrameworkID = "scripted-framework") { self.frameworkID = frameworkID }

    public var reconnects: Bool { false }

    public func subscribe(_ framework: FrameworkInfo, suppressedRoles: [String]) async throws -> AsyncThrowingStream<SchedulerEvent, any Error> {
        let (events, sink) = AsyncThrowingStream.makeStream(of: SchedulerEvent.self)
        state.withLock { state in
            state.sink = sink
            state.subscriptions += 1
        }
        sink.yield(.subscribed(frameworkID: framework.id ?? frameworkID, heartbeatIntervalSeconds: 15, masterInfo: nil))
        return events
    }

    public func send(_ call: SchedulerCall, frameworkID: FrameworkID) async throws {
        let hold = state.withLock { state in
            state.calls.append(call)
            return state.holding == call.typeName
        }
        guard hold else { return }
        await withCheckedContinuation { continuation in state.withLock { $0.held.append(continuation) } }
    }

    /// An event from the master, as if it had come over the stream.
    public func emit(_ event: SchedulerEvent) {
        _ = state.withLock { $0.sink }?.yield(event)
    }

    /// Calls of this type (`"DECLINE"`, …) wait in `send` until `release()`.
    public func hold(_ callType: String) { state.withLock { $0.holding = callType } }

    /// Lets held calls through, and holds no more.
    public func release() {
        let held = state.withLock { state in
            defer { state.held = []; state.holding = nil }
            return state.held
        }
        for continuation in held { continuation.resume() }
    }

    public var calls: [SchedulerCall] { state.withLock { $0.calls } }

    /// How many times a framework subscribed: events emitted before the first are lost.
    public var subscriptions: Int { state.withLock { $0.subscriptions } }

    /// How many calls are waiting in `send`.
    public var heldCount: Int { state.withLock { $0.held.count } }
}
