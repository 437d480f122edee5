import ConsoleCore
import ConsoleHistory
import CorralModel

/// Keeps the console's history: the terminal thread hands over what it fed the model, and a
/// task of its own encodes and writes it, so the screen never waits for the disk. A history
/// that cannot be written is said once, and the console goes on without it.
public final class HistoryWriter: Sendable {
    private let messages: AsyncStream<(ConsoleMessage, Time)>
    private let sink: AsyncStream<(ConsoleMessage, Time)>.Continuation
    public let directory: String
    public let limits: HistoryLimits

    public init(directory: String, limits: HistoryLimits) {
        self.directory = directory
        self.limits = limits
        // Dropping the oldest under a stalled disk keeps the deltas whole: each is written
        // against the refresh before it that the recorder saw.
        (messages, sink) = AsyncStream.makeStream(of: (ConsoleMessage, Time).self, bufferingPolicy: .bufferingNewest(1024))
    }

    /// From the terminal thread: what the model was fed, and when.
    public func record(_ message: ConsoleMessage, at time: Time) {
        switch message {
        case .cluster, .frameworks, .waitingLaunches, .explanation: sink.yield((message, time))
        default: break
        }
    }

    /// No more messages; `run` returns once it has written what it holds.
    public func finish() { sink.finish() }

    public func run(notices: @Sendable (String, Bool) -> Void) async {
        var store: HistoryStore
        do { store = try HistoryStore(directory: directory, limits: limits) } catch {
            notices("History not kept: \(error)", true)
            return
        }
        for await (message, time) in messages {
            do { try store.append(message, at: time) } catch {
                notices("History no longer kept: \(error)", true)
                return
            }
        }
    }
}
