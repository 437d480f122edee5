import Synchronization

/// Lines said by the code under test (notices, messages for standard error), kept in order, for
/// a closure that may be called from any task.
public final class LineLog: Sendable {
    private let said = Mutex<[String]>([])

    public init() {}

    public var lines: [String] { said.withLock { $0 } }

    public func append(_ line: String) { said.withLock { $0.append(line) } }
}
