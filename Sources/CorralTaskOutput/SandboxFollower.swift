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

    /// Follows until cancelled, then drains to the end of the file.
    public func follow(pollInterval: Duration = .milliseconds(50)) async {
        var offset = 0
        while !Task.isCancelled {
            offset = await copyNewBytes(from: offset)
            try? await Task.sleep(for: pollInterval)
        }
        // The last read runs outside the cancelled task: an HTTP client gives up at once in a
        // cancelled one, and a task that ended quickly would lose all its output.
        let last = offset
        _ = await Task { await copyNewBytes(from: last) }.value
    }

    /// Copies bytes from `offset` to the current end; returns the new offset.
    private func copyNewBytes(from offset: Int) async -> Int {
        var position = offset
        while let bytes = await reader.read(task, on: agentID, stderr: stderr, from: position), !bytes.isEmpty {
            bytes.withUnsafeBytes { buffer in
                guard let start = buffer.baseAddress else { return }
                var written = 0
                while written < buffer.count {
                    let result = write(output, start + written, buffer.count - written)
                    if result <= 0 { break }
                    written += result
                }
            }
            position += bytes.count
        }
        return position
    }
}
