import CorralAgentHTTP
import CorralModel
import CorralOperatorClient
import CorralSDKHTTP
import CorralTaskOutput
import Foundation
import Hummingbird
import Logging
import Synchronization
import Testing

/// A remote console, `corral execute --master` and `corral task log` read a task's output from
/// its agent's files endpoint, found through the master's `/master/slaves` (asked once per
/// agent): from an offset counted in the file's bytes, by a path that survives any task ID, on
/// Corral's agents and on Apache Mesos's (whose sandboxes are the command executor's).
@Suite(.timeLimit(.minutes(1))) struct RemoteSandboxReaderTests {
    func text(_ chunk: SandboxChunk?) -> String? { chunk.map { String(decoding: $0.bytes, as: UTF8.self) } }

    @Test func readsTheTasksOutputFromAnOffsetAndAsksTheMasterOnce() async throws {
        try await TestServers.withAgent(taskID: "greeting", stdout: Array("hello world\n".utf8)) { cluster in
            let reader = RemoteSandboxReader(master: cluster.master, client: TestServers.failFast)
            let key = TaskKey("F1", "greeting")
            #expect(text(await reader.read(key, on: "S1", stderr: false, from: 0)) == "hello world\n")
            #expect(text(await reader.read(key, on: "S1", stderr: false, from: 6)) == "world\n")
            #expect(await reader.read(key, on: "S1", stderr: false, from: 12) == .end)
            // A copy of the reader (the console makes them) knows the agent too.
            let copy = reader
            #expect(text(await copy.read(key, on: "S1", stderr: false, from: 0)) == "hello world\n")
            #expect(cluster.asked.current == 1)
        }
    }

    @Test func bytesThatAreNotUTF8AreReadAsTheyAre() async throws {
        let bytes: [UInt8] = [0x61, 0xFF, 0xFE, 0x62, 0x63, 0x0A]
        try await TestServers.withAgent(taskID: "binary", stdout: bytes) { cluster in
            let reader = RemoteSandboxReader(master: cluster.master, client: TestServers.failFast)
            let chunk = try #require(await reader.read(TaskKey("F1", "binary"), on: "S1", stderr: false, from: 0))
            #expect(chunk == SandboxChunk(bytes: bytes, length: 6))
            #expect(await reader.read(TaskKey("F1", "binary"), on: "S1", stderr: false, from: 2) == SandboxChunk(bytes: Array(bytes[2...]), length: 4))
        }
    }

    @Test func anAgentThatSendsReplacementsForBytesThatAreNotUTF8IsReadOnByTheFilesBytes() async throws {
        // An older Corral agent sent U+FFFD (three bytes) for each of 0xFF 0xFE: the next read
        // must start at 6, the length asked for, not at the 10 bytes of its data.
        let read: @Sendable (Request) -> Response = { request in
            let json = request.uri.queryParameters["offset"] == "-1" ? #"{"data":"","offset":6}"# : #"{"data":"a\ufffd\ufffdbc\n","offset":0}"#
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
        }
        try await TestServers.withPlayedAgent(read: read) { cluster in
            let chunk = await RemoteSandboxReader(master: cluster.master, client: TestServers.failFast).read(TaskKey("F1", "T"), on: "S1", stderr: false, from: 0)
            #expect(chunk?.length == 6 && text(chunk) == "a\u{FFFD}\u{FFFD}bc\n")
        }
    }

    @Test func aTaskIDThatNeedsEscapingIsReadToo() async throws {
        try await TestServers.withAgent(taskID: "report 2025&more", stdout: Array("done\n".utf8)) { cluster in
            let chunk = await RemoteSandboxReader(master: cluster.master, client: TestServers.failFast).read(TaskKey("F1", "report 2025&more"), on: "S1", stderr: false, from: 0)
            #expect(text(chunk) == "done\n")
        }
    }

    @Test func anAgentTheMasterDoesNotListOrAFileThatIsNotThereReadsAsNothingAndSaysWhy() async throws {
        try await TestServers.withAgent(taskID: "greeting", stdout: Array("hello\n".utf8)) { cluster in
            let reader = RemoteSandboxReader(master: cluster.master, client: TestServers.failFast)
            #expect(await reader.read(TaskKey("F1", "greeting"), on: "S9", stderr: false, from: 0) == nil)
            #expect(await reader.read(TaskKey("F1", "other"), on: "S1", stderr: false, from: 0) == nil)
            let unknown = await reader.fetch(TaskKey("F1", "greeting"), on: "S9", stderr: false, from: 0)
            #expect(unknown == .failure(.agentNotListed("S9", master: cluster.master)))
            guard case .failure(.noSuchFile(let path, "S1", _)) = await reader.fetch(TaskKey("F1", "other"), on: "S1", stderr: false, from: 0) else {
                Issue.record("expected noSuchFile")
                return
            }
            #expect(path == "/frameworks/F1/tasks/other/stdout")
            let gone = await reader.fetch(TaskKey("F1", "greeting"), on: "S0", stderr: false, from: 0)
            guard case .failure(.agentUnreachable("S0", _, _)) = gone else {
                Issue.record("expected agentUnreachable, got \(gone)")
                return
            }
        }
    }

    @Test func aMasterThatCannotBeReachedIsSaidSo() async throws {
        let nowhere = MasterAddress(host: "127.0.0.1", port: 1)
        guard case .failure(.masterUnreachable(nowhere, _)) = await RemoteSandboxReader(master: nowhere, client: TestServers.failFast).fetch(TaskKey("F1", "t"), on: "S1", stderr: false, from: 0) else {
            Issue.record("expected masterUnreachable")
            return
        }
    }

    @Test func anApacheMesosAgentIsReadAtItsCommandExecutorsSandbox() async throws {
        let served = TestServers.Recorded<[String]>([])
        let stdout = "from mesos\n"
        let read: @Sendable (Request) -> Response = { request in
            let path = request.uri.queryParameters["path"].map(String.init) ?? ""
            served.update { $0.append(path) }
            guard path == "/frameworks/F1/executors/sleep/runs/latest/stdout" else { return Response(status: .notFound) }
            let offset = Int(request.uri.queryParameters["offset"].map(String.init) ?? "0") ?? 0
            let json = offset < 0 ? #"{"data":"","offset":\#(stdout.utf8.count)}"# : #"{"data":"\#(stdout.dropFirst(offset).dropLast())\n","offset":\#(offset)}"#
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
        }
        try await TestServers.withPlayedAgent(read: read) { cluster in
            let reader = RemoteSandboxReader(master: cluster.master, client: TestServers.failFast)
            #expect(text(await reader.read(TaskKey("F1", "sleep"), on: "S1", stderr: false, from: 0)) == "from mesos\n")
            #expect(text(await reader.read(TaskKey("F1", "sleep"), on: "S1", stderr: false, from: 5)) == "mesos\n")
            // Corral's path was tried once; the agent's layout was learned.
            #expect(served.current.filter { $0.contains("/tasks/") }.count == 1)
        }
    }

    @Test func theOperatorsCredentialGoesToAnAgentOnlyWhenAgentCredentialsAreAsked() async throws {
        // An agent is read at the address it registered with: one that a stranger registered
        // would collect whatever credential is sent to it.
        let credential = Credential(principal: "ops", secret: "s3cret")
        let heard = TestServers.Recorded<[String?]>([])
        let read: @Sendable (Request) -> Response = { request in
            heard.update { $0.append(request.headers[.authorization]) }
            guard request.headers[.authorization] == credential.basicAuthorization else { return Response(status: .unauthorized) }
            let sizeOnly = request.uri.queryParameters["offset"] == "-1"
            let json = sizeOnly ? #"{"data":"","offset":3}"# : #"{"data":"hi\n","offset":0}"#
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
        }
        try await TestServers.withPlayedAgent(read: read) { cluster in
            let key = TaskKey("F1", "T")
            let cautious = RemoteSandboxReader(master: cluster.master, client: TestServers.failFast, credential: credential)
            let withheld = await cautious.fetch(key, on: "S1", stderr: false, from: 0)
            guard case .failure(let problem) = withheld, case .agentCredentialWithheld("S1", _) = problem else {
                Issue.record("expected agentCredentialWithheld, got \(withheld)")
                return
            }
            #expect(problem.description.contains("--agent-credentials"))
            #expect(heard.current == [nil])
            #expect(cluster.authorizations.current == [credential.basicAuthorization])

            let trusting = RemoteSandboxReader(master: cluster.master, client: TestServers.failFast, credential: credential, credentialToAgents: true)
            #expect(text(await trusting.read(key, on: "S1", stderr: false, from: 0)) == "hi\n")
            #expect(heard.current.count == 3 && heard.current.dropFirst().allSatisfy { $0 == credential.basicAuthorization })
        }
    }
}
