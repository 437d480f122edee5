import CorralAgentHTTP
import CorralModel
import CorralSDKHTTP
import Foundation
import Hummingbird
import Logging
import Synchronization

/// An agent (Corral's, or one a test plays) and a master that lists it, on free ports: what the
/// readers of sandboxes over HTTP are tested against.
enum TestServers {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    /// A server that is not there is one at once, not after the connect timeout.
    static let failFast = (try? HTTPClients.client(caFile: nil, retryingConnections: false)) ?? .shared

    /// Values the servers' handlers record and the test reads.
    final class Recorded<Value: Sendable>: Sendable {
        private let value: Mutex<Value>
        init(_ value: Value) { self.value = Mutex(value) }
        func update(_ change: (inout Value) -> Void) { value.withLock { change(&$0) } }
        var current: Value { value.withLock { $0 } }
    }

    /// The master and what the test sees of it: how often it was asked where agents are, and the
    /// state GET_TASKS gives task "T" of framework "F1" on S1 (the test changes it).
    struct Cluster: Sendable {
        var master: MasterAddress
        let asked = Recorded(0)
        /// The Authorization header of each of those requests (nil for none).
        let authorizations = Recorded<[String?]>([])
        let taskState = Recorded("TASK_RUNNING")
        /// The stdout file of the sandbox a Corral agent serves (empty for a played agent).
        var stdoutPath = ""
    }

    /// A master listing agent S1 at `agentHost`:`agentPort` (beside a gone agent S0) and
    /// answering GET_TASKS.
    static func master(
        of cluster: Cluster, agentHost: String, agentPort: Int, onRunning: @escaping @Sendable (Int) -> Void
    ) -> some ApplicationProtocol {
        let slaves = """
            {"slaves": [{"id": "S0", "hostname": "127.0.0.1", "port": 1}, {"id": "S1", "hostname": "\(agentHost)", "port": \(agentPort)}]}
            """
        let router = Router()
        router.get("/master/slaves") { request, _ in
            cluster.asked.update { $0 += 1 }
            cluster.authorizations.update { $0.append(request.headers[.authorization]) }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: slaves)))
        }
        router.post("/api/v1") { _, _ in
            let tasks = """
                {"type":"GET_TASKS","get_tasks":{"tasks":[{"name":"T","task_id":{"value":"T"},"framework_id":{"value":"F1"},\
                "agent_id":{"value":"S1"},"state":"\(cluster.taskState.current)"}]}}
                """
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: tasks)))
        }
        return Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) }, logger: quiet)
    }

    /// A Corral agent S1 serving a sandbox of task `taskID` of framework F1 whose stdout holds
    /// `stdout`, and a master that lists it.
    static func withAgent(taskID: TaskID, stdout: [UInt8], _ body: @Sendable (Cluster) async throws -> Void) async throws {
        let work = NSTemporaryDirectory() + "corral-remote-sandbox-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let sandbox = Sandbox(workDirectory: work, agentID: "S1", frameworkID: "F1", taskID: taskID)
        try FileManager.default.createDirectory(atPath: sandbox.directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: sandbox.stdoutPath, contents: Data(stdout))
        let agent = AgentHTTPServer(ip: "127.0.0.1", port: 0, workDirectory: work, agentID: { "S1" }, logger: quiet)
        try await withServers(agent: { ready in try await agent.run { ready($0) } }) { cluster in
            var cluster = cluster
            cluster.stdoutPath = sandbox.stdoutPath
            try await body(cluster)
        }
    }

    /// Runs an agent the test plays on `host`, whose `/files/read` answers as `read` says, and a
    /// master that lists it.
    static func withPlayedAgent(
        host: String = "127.0.0.1", read: @escaping @Sendable (Request) -> Response, _ body: @Sendable (Cluster) async throws -> Void
    ) async throws {
        let agent: @Sendable (@escaping @Sendable (Int) -> Void) async throws -> Void = { ready in
            let router = Router()
            router.get("/files/read") { request, _ in read(request) }
            let app = Application(
                router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: 0)),
                onServerRunning: { ready($0.localAddress?.port ?? 0) }, logger: quiet)
            try await app.run()
        }
        try await withServers(agentHost: host, agent: agent, body)
    }

    /// Runs an agent (`run` calls `ready` with its port) and a master that lists it at `agentHost`.
    static func withServers(
        agentHost: String = "127.0.0.1", agent run: @escaping @Sendable (@escaping @Sendable (Int) -> Void) async throws -> Void,
        _ body: @Sendable (Cluster) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, sink) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await run { sink.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            guard let agentPort = await iterator.next() else { return }
            var cluster = Cluster(master: MasterAddress(host: "127.0.0.1", port: 0))
            let master = Self.master(of: cluster, agentHost: agentHost, agentPort: agentPort) { sink.yield($0) }
            group.addTask { try await master.run() }
            guard let masterPort = await iterator.next() else { return }
            cluster.master = MasterAddress(host: "127.0.0.1", port: masterPort)
            try await body(cluster)
            group.cancelAll()
        }
    }
}
