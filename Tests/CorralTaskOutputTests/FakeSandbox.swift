import CorralModel
import CorralTaskOutput
import Synchronization

/// Sandboxes played by the test: files that grow when the test writes to them, read in chunks of
/// at most `chunk` bytes (as the files API reads at most a megabyte), every read recorded.
final class FakeSandbox: SandboxReader {
    struct File: Hashable {
        var key: TaskKey
        var stderr: Bool
    }

    private struct State {
        var files: [File: [UInt8]] = [:]
        var reads: [(file: File, offset: Int)] = []
    }

    private let state = Mutex(State())
    let chunk: Int

    init(chunk: Int = 1 << 20) { self.chunk = chunk }

    func append(_ text: String, to key: TaskKey, stderr: Bool = false) {
        state.withLock { $0.files[File(key: key, stderr: stderr), default: []] += Array(text.utf8) }
    }

    /// The offsets asked for of one file, in order.
    func offsets(of key: TaskKey, stderr: Bool = false) -> [Int] {
        state.withLock { $0.reads.filter { $0.file == File(key: key, stderr: stderr) }.map(\.offset) }
    }

    func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> SandboxChunk? {
        state.withLock { state in
            let file = File(key: key, stderr: stderr)
            state.reads.append((file, offset))
            guard let bytes = state.files[file] else { return nil }
            guard offset < bytes.count else { return .end }
            return SandboxChunk(Array(bytes[offset..<min(bytes.count, offset + chunk)]))
        }
    }
}
