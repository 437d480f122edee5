import CorralModel

/// Where a task's stdout and stderr can be read: the local sandbox of an embedded cluster, or
/// the agent's files API when the agent is another process.
public protocol SandboxReader: Sendable {
    /// Part of the file from `offset` on (at most a megabyte): empty at its end; nil when it
    /// cannot be read.
    func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> SandboxChunk?
}

/// What one read of a sandbox file gave: the bytes to show, and how many bytes of the file they
/// stand for. The two differ when the file came through a JSON string (the agents' files API),
/// which cannot carry bytes that are not UTF-8: the agent sends U+FFFD in their place, and the
/// next read must still start after the bytes of the file, not after their replacement.
public struct SandboxChunk: Hashable, Sendable {
    public var bytes: [UInt8]
    /// Bytes of the file this chunk covers: the next read starts this much further on.
    public var length: Int

    public init(bytes: [UInt8], length: Int) {
        self.bytes = bytes
        self.length = length
    }

    /// Bytes read from the file as they are.
    public init(_ bytes: [UInt8]) { self.init(bytes: bytes, length: bytes.count) }

    /// The end of the file: nothing more to read for now.
    public static let end = SandboxChunk([])
}
