import CorralModel
import CorralTaskOutput

#if canImport(Glibc)
import Glibc
#endif

/// Sandboxes of agents in this process, read straight from their files.
public struct LocalSandboxReader: SandboxReader {
    public let cluster: EmbeddedCluster

    public init(cluster: EmbeddedCluster) { self.cluster = cluster }

    public func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> SandboxChunk? {
        guard let sandbox = await cluster.sandbox(of: key, on: agentID) else { return nil }
        let file = open(stderr ? sandbox.stderrPath : sandbox.stdoutPath, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var bytes = [UInt8](repeating: 0, count: 1 << 20)
        let count = bytes.withUnsafeMutableBytes { pread(file, $0.baseAddress, $0.count, off_t(offset)) }
        return count < 0 ? nil : SandboxChunk(Array(bytes[..<count]))
    }
}
