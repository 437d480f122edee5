import ConsoleCore
import Synchronization

/// Messages for the console's terminal thread from the async world (cluster feed, sandbox
/// follower, framework notices). The terminal thread drains it between key reads.
final class ConsoleInbox: Sendable {
    private let messages = Mutex<[ConsoleMessage]>([])

    func post(_ message: ConsoleMessage) {
        messages.withLock { $0.append(message) }
    }

    func drain() -> [ConsoleMessage] {
        messages.withLock { messages in
            defer { messages.removeAll(keepingCapacity: true) }
            return messages
        }
    }
}
