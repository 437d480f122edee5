#if canImport(Glibc)
import Glibc
#endif
import CorralModel

/// Copies what a task writes to one of its sandbox files onto one of our own file descriptors as
/// it appears ("follow" mode), then whatever is left once the task has ended.
public struct SandboxFollower: Sendable {
    public let reader: any SandboxReader
    public let task: TaskKey
    public let agentID: AgentID
    public let stderr: Bool
    public let output: Int32

    public init(reader: any SandboxReader, task: TaskKey, agentID: AgentID, stderr: Bool, output: Int32) {
        self.reader = reader
        self.task = task
        self.agentID = agentID
        self.stderr = stderr
        self.output = output
    }

    /// How far a copy got.
    public struct Progress: Hashable, Sendable {
        /// Where the next copy starts, in bytes of the file.
        public var offset: Int
        /// Whether the last read reached the file (a sandbox not made yet, or removed, is not).
        public var readable: Bool
        /// Our output is closed (whoever read the pipe went away): nothing more can be copied.
        public var outputClosed: Bool
    }

    /// Follows until cancelled or until our output is closed, then drains to the end of the file.
    public func follow(from offset: Int = 0, pollInterval: Duration = .milliseconds(50)) async {
        var progress = Progress(offset: offset, readable: true, outputClosed: false)
        while !Task.isCancelled, !progress.outputClosed {
            progress = await copy(from: progress.offset)
            try? await Task.sleep(for: pollInterval)
        }
        guard !progress.outputClosed else { return }
        // The last read runs outside the cancelled task: an HTTP client gives up at once in a
        // cancelled one, and a task that ended quickly would lose all its output.
        let last = progress.offset
        _ = await Task { await copy(from: last) }.value
    }

    /// Copies the bytes from `offset` to the current end of the file.
    public func copy(from offset: Int) async -> Progress {
        var progress = Progress(offset: offset, readable: false, outputClosed: false)
        while let chunk = await reader.read(task, on: agentID, stderr: stderr, from: progress.offset) {
            progress.readable = true
            guard chunk.length > 0 else { break }
            guard writeAll(chunk.bytes) else {
                progress.outputClosed = true
                break
            }
            progress.offset += chunk.length
        }
        return progress
    }

    /// Writes every byte; false when the output is closed or broken.
    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let start = buffer.baseAddress else { return true }
            var written = 0
            while written < buffer.count {
                let result = write(output, start + written, buffer.count - written)
                if result < 0, errno == EINTR { continue }
                if result <= 0 { return false }
                written += result
            }
            return true
        }
    }
}
