import CorralModel

/// The end of a followed task's stdout and stderr, read incrementally (only new bytes each
/// refresh) and kept to the last 16 KiB each.
public struct SandboxTailBuffer {
    private var key: TaskKey?
    private var offsets = (stdout: 0, stderr: 0)
    private var text = (stdout: [UInt8](), stderr: [UInt8]())
    public static let limit = 16 * 1024

    public init() {}

    /// The tail of `key`'s output when it changed (or when nothing has been read yet, so that a
    /// newly followed task shows at once); nil when no new byte arrived. Following another task
    /// starts over from its first byte.
    public mutating func refresh(_ key: TaskKey, agentID: AgentID, from reader: any SandboxReader) async -> (stdout: String, stderr: String)? {
        if self.key != key {
            self.key = key
            offsets = (0, 0)
            text = ([], [])
        }
        var changed = false
        for stderr in [false, true] {
            let offset = stderr ? offsets.stderr : offsets.stdout
            guard let chunk = await reader.read(key, on: agentID, stderr: stderr, from: offset), chunk.length > 0 else { continue }
            changed = true
            if stderr {
                offsets.stderr += chunk.length
                text.stderr = Array((text.stderr + chunk.bytes).suffix(Self.limit))
            } else {
                offsets.stdout += chunk.length
                text.stdout = Array((text.stdout + chunk.bytes).suffix(Self.limit))
            }
        }
        guard changed || offsets == (0, 0) else { return nil }
        return (String(decoding: text.stdout, as: UTF8.self), String(decoding: text.stderr, as: UTF8.self))
    }
}
