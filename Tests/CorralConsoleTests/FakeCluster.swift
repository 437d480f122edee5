import ConsoleCore
import CorralConsole
import CorralModel
import CorralTaskOutput
import CorralTesting
import Synchronization

/// A cluster played by the test, for the console: snapshots and events the test sets, a master
/// (`ScriptedMaster`) for the console's framework, and sandboxes with fixed contents. It can
/// fail, as a master that went away, and come back.
final class FakeCluster: ClusterSource {
    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "connection refused" }
    }

    private struct State {
        var snapshot: ClusterSnapshot
        var sinks: [AsyncThrowingStream<ClusterEvent, any Error>.Continuation] = []
        var reachable = true
        var subscriptions = 0
    }

    private let state: Mutex<State>
    let transport = ScriptedMaster(frameworkID: "console-framework")
    let sandbox = FixedSandbox()

    init(agents hostnames: [String] = ["node-7"]) {
        state = Mutex(State(snapshot: Self.snapshot(hostnames)))
    }

    var sandboxes: any SandboxReader { sandbox }

    /// What `w` hears: a framework's standing the test set, or that there is none.
    let standings = Mutex<[FrameworkID: FrameworkStanding]>([:])

    func explain(_ subject: WhySubject) async -> Why {
        switch subject {
        case .framework(let id): return standings.withLock { $0[id] }.map(Why.framework) ?? .unavailable("No framework \(id).")
        case .offer(let id): return .unavailable("No offer \(id).")
        case .app(let id), .job(let id): return .unavailable("Apps and jobs are explained from their rows, not by \(id).")
        }
    }

    func events() async throws -> AsyncThrowingStream<ClusterEvent, any Error> {
        try state.withLock { state in
            state.subscriptions += 1
            guard state.reachable else { throw Unreachable() }
            let (stream, sink) = AsyncThrowingStream.makeStream(of: ClusterEvent.self)
            state.sinks.append(sink)
            return stream
        }
    }

    func snapshot() async throws -> ClusterSnapshot {
        try state.withLock { state in
            guard state.reachable else { throw Unreachable() }
            return state.snapshot
        }
    }

    func emit(_ event: ClusterEvent) {
        for sink in state.withLock({ $0.sinks }) { sink.yield(event) }
    }

    /// The master goes away: its streams fail and nothing answers until `comeBack()`.
    func goAway() {
        let sinks = state.withLock { state in
            state.reachable = false
            defer { state.sinks = [] }
            return state.sinks
        }
        for sink in sinks { sink.finish(throwing: Unreachable()) }
    }

    /// The agents the next snapshots show.
    func set(agents hostnames: [String]) { state.withLock { $0.snapshot = Self.snapshot(hostnames) } }

    func comeBack() { state.withLock { $0.reachable = true } }

    /// How many times the console subscribed (or tried to).
    var subscriptions: Int { state.withLock { $0.subscriptions } }

    static let start = Time(seconds: 1_764_064_800)

    static func agent(_ hostname: String, index: Int) -> AgentSnapshot {
        let total = Resources([.scalar("cpus", 4), .scalar("mem", 4096)])
        return AgentSnapshot(
            info: AgentInfo(id: AgentID("agent-\(index)"), hostname: hostname, resources: total), id: AgentID("agent-\(index)"),
            active: true, registeredAt: start, total: total, used: Resources(), offered: Resources(), usage: nil, taskCount: 0,
            isolation: "posix")
    }

    static func snapshot(_ hostnames: [String]) -> ClusterSnapshot {
        ClusterSnapshot(
            time: start, startedAt: start, masterInfo: MasterInfo(id: "master-1", hostname: "localhost", version: "1.11.0"),
            agents: hostnames.enumerated().map { agent($1, index: $0) })
    }
}

/// Sandboxes whose files hold what the test put there, read from any offset.
final class FixedSandbox: SandboxReader {
    private let files = Mutex<[TaskKey: (stdout: String, stderr: String)]>([:])

    func put(_ key: TaskKey, stdout: String, stderr: String = "") { files.withLock { $0[key] = (stdout, stderr) } }

    func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> SandboxChunk? {
        guard let file = files.withLock({ $0[key] }) else { return nil }
        let bytes = Array((stderr ? file.stderr : file.stdout).utf8)
        return offset < bytes.count ? SandboxChunk(Array(bytes[offset...])) : .end
    }
}
