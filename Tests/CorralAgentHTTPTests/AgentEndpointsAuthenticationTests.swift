import CorralAgentHTTP
import CorralHTTPServer
import CorralHTTPTesting
import CorralModel
import Testing

/// With `--authenticate-http-readonly`, every endpoint that reads the agent asks for
/// credentials, `/api/v1` included; `/health` and `/version` stay open, as on Mesos. The
/// statistics and metrics also need `get_endpoints`, and `view_frameworks` hides frameworks.
@Suite(.timeLimit(.minutes(1))) struct AgentEndpointsAuthenticationTests {
    static let ops = Credential(principal: "ops", secret: "o")
    static let viewer = Credential(principal: "viewer", secret: "v")

    static var state: AgentState {
        let framework = AgentFrameworkState(info: FrameworkInfo(user: "alice", name: "web", id: "F1"))
        return AgentState(
            info: AgentInfo(id: "S1", hostname: "127.0.0.1", resources: Resources()), time: Time(seconds: 10), startedAt: Time(seconds: 0),
            version: "1.11.0", registered: true, completedFrameworks: [framework])
    }

    func withServer(_ body: @Sendable (RawHTTP) async throws -> Void) async throws {
        var server = AgentHTTPServer(
            ip: "127.0.0.1", port: 0, workDirectory: AgentServerHarness.scratchDirectory("auth"), agentID: { "S1" }, state: { Self.state },
            logger: AgentServerHarness.quiet)
        server.authenticator = HTTPAuthenticator(credentials: Credentials([Self.ops, Self.viewer]), requiredRealms: [MesosRealm.agentReadonly])
        server.acls = ACLs(permissive: true, rules: [
            .getEndpoints: [ACLs.Rule(principals: .some(["viewer"]), objects: .none)],
            .viewFrameworks: [ACLs.Rule(principals: .some(["viewer"]), objects: .none)],
        ])
        try await AgentServerHarness.run(server) { raw, _ in try await body(raw) }
    }

    @Test func readingTheAgentNeedsCredentials() async throws {
        try await withServer { raw in
            for path in ["/state", "/slave(1)/state", "/monitor/statistics", "/metrics/snapshot", "/flags", "/files/browse?path=/frameworks"] {
                let answer = try await raw.send("GET", path)
                #expect(answer.status == 401, "\(path)")
                #expect(answer.header("WWW-Authenticate") == #"Basic realm="mesos-agent-readonly""#, "\(path)")
            }
            #expect(try await raw.post("/api/v1", json: #"{"type":"GET_STATE"}"#).status == 401)
            #expect(try await raw.send("GET", "/health").status == 200)
            #expect(try await raw.send("GET", "/version").status == 200)
            let authorization = [("Authorization", Self.ops.basicAuthorization)]
            #expect(try await raw.send("GET", "/state", headers: authorization).status == 200)
            #expect(try await raw.send("GET", "/metrics/snapshot", headers: authorization).status == 200)
            #expect(try await raw.post("/api/v1", json: #"{"type":"GET_STATE"}"#, headers: authorization + [("Content-Type", "application/json")]).status == 200)
        }
    }

    @Test func aclsHideFrameworksAndGuardTheStatistics() async throws {
        try await withServer { raw in
            let viewer = [("Authorization", Self.viewer.basicAuthorization)]
            #expect(try await raw.send("GET", "/monitor/statistics", headers: viewer).status == 403)
            #expect(try await raw.send("GET", "/metrics/snapshot", headers: viewer).status == 403)
            let hidden = try #require(try await raw.send("GET", "/state", headers: viewer).json() as? [String: Any])
            #expect((hidden["completed_frameworks"] as? [Any])?.isEmpty == true)
            let shown = try #require(try await raw.send("GET", "/state", headers: [("Authorization", Self.ops.basicAuthorization)]).json() as? [String: Any])
            #expect((shown["completed_frameworks"] as? [Any])?.count == 1)
        }
    }
}
