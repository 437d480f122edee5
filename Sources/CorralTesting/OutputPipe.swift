import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A pipe for code that writes to a file descriptor (a task's output followed onto stdout):
/// the test hands it `write`, can wait until some text has come through, and reads everything
/// written once the writer is done.
public final class OutputPipe: Sendable {
    public let read: Int32
    public let write: Int32
    private let received = Mutex<[UInt8]>([])

    public struct Failed: Error {}

    public init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw Failed() }
        (read, write) = (ends[0], ends[1])
        // Reading never blocks: a test polls what has come so far.
        _ = fcntl(read, F_SETFL, fcntl(read, F_GETFL) | O_NONBLOCK)
    }

    /// What has been written so far.
    public var text: String {
        received.withLock { received in
            drain(into: &received)
            return String(decoding: received, as: UTF8.self)
        }
    }

    /// Closes the write end and returns all that was written (the pipe must not have filled).
    public func closeAndCollect() -> String {
        close(write)
        defer { close(read) }
        return text
    }

    /// Moves what the pipe holds into `received`; stops when it is empty or at its end.
    private func drain(into received: inout [UInt8]) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(read, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += buffer[..<count]
        }
    }
}
