import ConsoleCore
import CorralConsole
import CorralTesting
import Synchronization

/// Services as the console's pane sees it, played by the test: rows it sets, every request
/// recorded, and a failure it can turn on (as a remote Services that does not answer).
final class RecordingServices: ServicesLink {
    struct Down: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    private let state = Mutex<(rows: [ServiceRow], asked: [String], down: Bool)>(([], [], false))

    var asked: [String] { state.withLock { $0.asked } }
    func set(rows: [ServiceRow]) { state.withLock { $0.rows = rows } }
    func goDown() { state.withLock { $0.down = true } }

    func rows() async throws -> [ServiceRow] {
        try state.withLock { state in
            if state.down { throw Down() }
            return state.rows
        }
    }

    func scale(_ id: String, to instances: Int) async throws {
        try state.withLock { state in
            if state.down { throw Down() }
            state.asked.append("scale \(id) to \(instances)")
        }
    }

    func create(_ spec: NewAppSpec) async throws -> String {
        state.withLock { $0.asked.append("create \(spec.id)") }
        return "Created \(spec.id)"
    }
}

/// Jobs as the console's pane sees it, played by the test.
final class RecordingJobs: JobsLink {
    private let state = Mutex<(rows: [JobRow], asked: [String])>(([], []))

    var asked: [String] { state.withLock { $0.asked } }
    func set(rows: [JobRow]) { state.withLock { $0.rows = rows } }

    func rows() async throws -> [JobRow] { state.withLock { $0.rows } }
    func runNow(_ name: String) async throws { state.withLock { $0.asked.append("run \(name)") } }
}

extension LineLog {
    /// Records the console's notices, whether errors or not.
    var notices: @Sendable (String, Bool) -> Void { { [self] text, _ in append(text) } }
}
