import CorralAgentHTTP
import CorralModel
import CorralOperatorClient
import CorralSDKHTTP
import CorralTaskOutput
import Foundation
import Hummingbird
import Logging
import Testing

/// A remote console and `corral execute --master` read a task's output from its agent's files
/// endpoint, found through the master's `/master/slaves`: from an offset, by a path that survives
/// any task ID, and nothing at all for an agent the master does not know.
@Suite(.timeLimit(.minutes(1))) struct RemoteSandboxReaderTests {
    let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// An agent serving a sandbox of `taskID` with `stdout`, and a master that lists it as S1
    /// (beside a gone agent S0); `body` gets the master's address.
    func withAgent(taskID: TaskID, stdout: String, _ body: @Sendable (MasterAddress) async throws -> Void) async throws {
        let work = NSTemporaryDirectory() + "corral-remote-sandbox-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let sandbox = Sandbox(workDirectory: work, agentID: "S1", frameworkID: "F1", taskID: taskID)
        try FileManager.default.createDirectory(atPath: sandbox.directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: sandbox.stdoutPath, contents: Data(stdout.utf8))
        let agent = AgentHTTPServer(ip: "127.0.0.1", port: 0, workDirectory: work, agentID: { "S1" }, logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, sink) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await agent.run { sink.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            let agentPort = try #require(await iterator.next())
            let slaves = """
                {"slaves": [{"id": "S0", "hostname": "127.0.0.1", "port": 1}, {"id": "S1", "hostname": "127.0.0.1", "port": \(agentPort)}]}
                """
            let router = Router()
            router.get("/master/slaves") { _, _ in Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: slaves))) }
            let master = Application(
                router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in sink.yield(channel.localAddress?.port ?? 0) }, logger: quiet)
            group.addTask { try await master.run() }
            let masterPort = try #require(await iterator.next())
            try await body(MasterAddress(host: "127.0.0.1", port: masterPort))
            group.cancelAll()
        }
    }

    @Test func readsTheTasksOutputFromAnOffset() async throws {
        try await withAgent(taskID: "greeting", stdout: "hello world\n") { master in
            let reader = RemoteSandboxReader(master: master)
            let key = TaskKey("F1", "greeting")
            let all = await reader.read(key, on: "S1", stderr: false, from: 0)
            let rest = await reader.read(key, on: "S1", stderr: false, from: 6)
            #expect(all.map { String(decoding: $0, as: UTF8.self) } == "hello world\n")
            #expect(rest.map { String(decoding: $0, as: UTF8.self) } == "world\n")
        }
    }

    @Test func aTaskIDThatNeedsEscapingIsReadToo() async throws {
        try await withAgent(taskID: "report 2025&more", stdout: "done\n") { master in
            let bytes = await RemoteSandboxReader(master: master).read(TaskKey("F1", "report 2025&more"), on: "S1", stderr: false, from: 0)
            #expect(bytes.map { String(decoding: $0, as: UTF8.self) } == "done\n")
        }
    }

    @Test func anAgentTheMasterDoesNotListOrAFileThatIsNotThereReadsAsNothing() async throws {
        try await withAgent(taskID: "greeting", stdout: "hello\n") { master in
            let reader = RemoteSandboxReader(master: master)
            #expect(await reader.read(TaskKey("F1", "greeting"), on: "S9", stderr: false, from: 0) == nil)
            #expect(await reader.read(TaskKey("F1", "other"), on: "S1", stderr: false, from: 0) == nil)
        }
    }
}
