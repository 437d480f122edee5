#if canImport(Glibc)
import Glibc
#endif

/// A pipe for code that writes to a file descriptor (a task's output followed onto stdout):
/// the test hands it `write`, then reads everything written once the writer is done.
public struct OutputPipe: Sendable {
    public let read: Int32
    public let write: Int32

    public struct Failed: Error {}

    public init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw Failed() }
        (read, write) = (ends[0], ends[1])
    }

    /// Closes the write end and returns all that was written (the pipe must not have filled).
    public func closeAndCollect() -> String {
        close(write)
        defer { close(read) }
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(read, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            collected += buffer[..<count]
        }
        return String(decoding: collected, as: UTF8.self)
    }
}
