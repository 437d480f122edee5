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
/// `access_sandboxes` by the user the task runs as (who owns the sandbox directory, as the agent
/// gives it to them), whoever owns the file asked for; and no hard link to another user's file.
@Suite(.enabled(if: geteuid() == 0, "chown needs root"), .timeLimit(.minutes(1))) struct AgentSandboxAccessTests {
    static let nobody = getpwnam("nobody")?.pointee.pw_uid

    /// A sandbox of task t1 given to `nobody`, as the agent gives it to the task's user, with
    /// its `stdout` ("secret\n") written by the task.
    static func sandboxOfNobody(in work: String) throws -> Sandbox {
        let nobody = try #require(Self.nobody)
        let sandbox = Sandbox(workDirectory: work, agentID: "S1", frameworkID: "F1", taskID: "t1")
        try FileManager.default.createDirectory(atPath: sandbox.directory, withIntermediateDirectories: true)
        #expect(chown(sandbox.directory, nobody, 0) == 0)
        _ = FileManager.default.createFile(atPath: sandbox.stdoutPath, contents: Data("secret\n".utf8))
        #expect(chown(sandbox.stdoutPath, nobody, 0) == 0)
        return sandbox
    }

    @Test func onlyPrincipalsAllowedTheTasksUserReadItsSandboxWhoeverOwnsTheFile() async throws {
        let work = AgentServerHarness.scratchDirectory("sandbox-acl")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let sandbox = try Self.sandboxOfNobody(in: work)
        // A file of root's in nobody's sandbox is still nobody's sandbox to read.
        _ = FileManager.default.createFile(atPath: sandbox.directory + "/rootfile", contents: Data("root's\n".utf8))

        var configured = AgentHTTPServer(ip: "127.0.0.1", port: 0, workDirectory: work, agentID: { "S1" }, logger: AgentServerHarness.quiet)
        configured.authenticator = HTTPAuthenticator(
            credentials: Credentials([Credential(principal: "ops", secret: "o"), Credential(principal: "viewer", secret: "v")]),
            requiredRealms: [MesosRealm.agentReadonly])
        configured.acls = ACLs(permissive: false, rules: [
            .accessSandboxes: [ACLs.Rule(principals: .some(["ops"]), objects: .any), ACLs.Rule(principals: .some(["viewer"]), objects: .some(["root"]))]
        ])
        try await AgentServerHarness.run(configured) { raw, _ in
            let viewer = [("Authorization", Credential(principal: "viewer", secret: "v").basicAuthorization)]
            let ops = [("Authorization", Credential(principal: "ops", secret: "o").basicAuthorization)]
            let stdout = "/files/read?path=/frameworks/F1/tasks/t1/stdout&offset=0"
            let rootFile = "/files/read?path=/frameworks/F1/tasks/t1/rootfile&offset=0"
            #expect(try await raw.send("GET", stdout).status == 401)
            for path in [stdout, rootFile, "/files/browse?path=/frameworks/F1/tasks/t1"] {
                let refused = try await raw.send("GET", path, headers: viewer)
                #expect(refused.status == 403, "\(path)")
                #expect(refused.body.contains("user 'nobody'"), "\(path)")
            }
            // A principal refused the sandbox does not learn what is in it.
            #expect(try await raw.send("GET", "/files/read?path=/frameworks/F1/tasks/t1/absent&offset=0", headers: viewer).status == 403)
            let allowed = try await raw.send("GET", stdout, headers: ops)
            #expect(allowed.status == 200 && allowed.body.contains("secret"))
            #expect(try await raw.send("GET", rootFile, headers: ops).body.contains("root's"))
        }
    }

    @Test func aHardLinkToAFileTheTasksUserDoesNotOwnIsRefusedWhileTheTasksOwnLinksAreServed() async throws {
        let work = AgentServerHarness.scratchDirectory("sandbox-hardlink")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let sandbox = try Self.sandboxOfNobody(in: work)
        // Outside the sandbox, on the same file system: a file of another user, readable only
        // by them (as /etc/shadow is), and one of root's; the task links both in.
        let others = work + "/others-secret", roots = work + "/roots-secret"
        _ = FileManager.default.createFile(atPath: others, contents: Data("others' secret\n".utf8), attributes: [.posixPermissions: 0o600])
        _ = FileManager.default.createFile(atPath: roots, contents: Data("root's secret\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect(chown(others, 4242, 4242) == 0)
        #expect(link(others, sandbox.directory + "/loot") == 0)
        #expect(link(roots, sandbox.directory + "/rootloot") == 0)
        // The task's own file under a second name is still its own.
        #expect(link(sandbox.stdoutPath, sandbox.directory + "/stdout.copy") == 0)

        let server = AgentHTTPServer(ip: "127.0.0.1", port: 0, workDirectory: work, agentID: { "S1" }, logger: AgentServerHarness.quiet)
        try await AgentServerHarness.run(server) { raw, _ in
            for name in ["loot", "rootloot"] {
                for operation in ["read", "download"] {
                    let path = "/frameworks/F1/tasks/t1/\(name)"
                    let answer = try await raw.send("GET", "/files/\(operation)?path=\(path)&offset=0")
                    #expect(answer.status == 403, "\(operation) \(name)")
                    #expect(answer.body.contains("'\(path)' is a file with 2 hard links that the task's user 'nobody' does not own"), "\(answer.body)")
                    #expect(!answer.body.contains("secret"))
                }
            }
            // By the sandbox's own directory too.
            let direct = try await raw.send("GET", "/files/read?path=\(sandbox.directory)/loot&offset=0")
            #expect(direct.status == 403 && !direct.body.contains("secret"))
            let copy = try await raw.send("GET", "/files/read?path=/frameworks/F1/tasks/t1/stdout.copy&offset=0")
            #expect(copy.status == 200 && copy.body.contains("secret"))
            // The listing still shows what is there: names and owners, never contents.
            let listing = try await raw.send("GET", "/files/browse?path=/frameworks/F1/tasks/t1")
            #expect(listing.status == 200 && listing.body.contains("/loot") && !listing.body.contains("others'"))
        }
    }
}
