import CorralModel

/// Where a task's stdout and stderr can be read: the local sandbox of an embedded cluster, or
/// the agent's files API when the agent is another process.
public protocol SandboxReader: Sendable {
    /// The bytes of the file from `offset` on (at most a megabyte); nil when it cannot be read.
    func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> [UInt8]?
}
