import CorralAgentHTTP
import CorralHTTPServer
import CorralHTTPTesting
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import Foundation
import Logging
import Testing

/// The agent's files endpoint: credentials when `--authenticate-http-readonly`, and
/// `access_sandboxes` by the user the task runs as (the sandbox's owner).
@Suite(.enabled(if: geteuid() == 0, "chown needs root")) struct AgentSandboxAccessTests {
    @Test func onlyPrincipalsAllowedTheTasksUserReadItsSandbox() async throws {
        let work = NSTemporaryDirectory() + "corral-sandbox-acl-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let sandbox = Sandbox(workDirectory: work, agentID: "S1", frameworkID: "F1", taskID: "t1")
        try FileManager.default.createDirectory(atPath: sandbox.directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: sandbox.stdoutPath, contents: Data("secret\n".utf8))
        let nobody = try #require(getpwnam("nobody")?.pointee.pw_uid)
        #expect(chown(sandbox.stdoutPath, nobody, 0) == 0)

        var configured = AgentHTTPServer(ip: "127.0.0.1", port: 0, workDirectory: work, agentID: { "S1" }, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        configured.authenticator = HTTPAuthenticator(
            credentials: Credentials([Credential(principal: "ops", secret: "o"), Credential(principal: "viewer", secret: "v")]),
            requiredRealms: [MesosRealm.agentReadonly])
        configured.acls = ACLs(permissive: false, rules: [
            .accessSandboxes: [ACLs.Rule(principals: .some(["ops"]), objects: .any), ACLs.Rule(principals: .some(["viewer"]), objects: .some(["root"]))]
        ])
        let server = configured
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, sink) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await server.run { sink.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let raw = RawHTTP(master: MasterAddress(host: "127.0.0.1", port: port))
            let path = "/files/read?path=/frameworks/F1/tasks/t1/stdout&offset=0"
            #expect(try await raw.send("GET", path).status == 401)
            let viewer = try await raw.send("GET", path, headers: [("Authorization", Credential(principal: "viewer", secret: "v").basicAuthorization)])
            #expect(viewer.status == 403)
            #expect(viewer.body.contains("user 'nobody'"))
            let ops = try await raw.send("GET", path, headers: [("Authorization", Credential(principal: "ops", secret: "o").basicAuthorization)])
            #expect(ops.status == 200)
            #expect(ops.body.contains("secret"))
            group.cancelAll()
        }
    }
}
