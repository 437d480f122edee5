import CorralAgentHTTP
import CorralHTTPTesting
import CorralModel
import Testing

/// How an agent finds an endpoint for a path, as Mesos's agent and its clients expect: every
/// endpoint answers at `/x` and at `/slave(1)/x`, repeated and trailing slashes do not matter,
/// anything else is a 404 naming the path as sent, and a known path asked the wrong way is the
/// endpoint's own 405, whatever the method. `/health` takes any method.
@Suite(.timeLimit(.minutes(1))) struct AgentRoutingTests {
    static var state: AgentState {
        AgentState(
            info: AgentInfo(id: "S1", hostname: "127.0.0.1", resources: Resources()), time: Time(seconds: 10), startedAt: Time(seconds: 0),
            version: "1.11.0", registered: true)
    }

    func withServer(_ body: @Sendable (RawHTTP) async throws -> Void) async throws {
        let server = AgentHTTPServer(
            ip: "127.0.0.1", port: 0, workDirectory: AgentServerHarness.scratchDirectory("routing"), agentID: { "S1" }, state: { Self.state },
            logger: AgentServerHarness.quiet)
        try await AgentServerHarness.run(server) { raw, _ in try await body(raw) }
    }

    @Test func theSlavePrefixAndSlashesFindTheSameEndpoint() async throws {
        try await withServer { raw in
            for path in ["/state", "/slave(1)/state/", "//slave(1)//state.json", "/flags/", "/slave(1)/monitor/statistics.json", "/slave(1)/metrics", "/version", "/slave(1)/health"] {
                let answer = try await raw.send("GET", path)
                #expect(answer.status == 200, "\(path): \(answer.status) \(answer.body)")
            }
            for method in ["POST", "DELETE", "PROPFIND"] { #expect(try await raw.send(method, "/slave(1)/health/").status == 200, "\(method)") }
            // A files operation with or without `.json`: found, the missing `path` is the refusal.
            for path in ["/files/browse", "/slave(1)/files/read.json/", "/files/download"] {
                let answer = try await raw.send("GET", path)
                #expect(answer.status == 400, "\(path): \(answer.status) \(answer.body)")
            }
        }
    }

    @Test func unknownPathsAreA404NamingThePathAsSent() async throws {
        try await withServer { raw in
            for (method, path) in [
                ("GET", "/"), ("GET", "/slave(1)"), ("GET", "/slave(1)/slave(1)/state"), ("GET", "/master/state"), ("GET", "/files/nothing"),
                ("GET", "/files/browse.json.json"), ("GET", "/files"), ("POST", "/api/v1/x"), ("GET", "/slave(2)/state"), ("GET", "/metrics/x"),
            ] {
                let answer = try await raw.send(method, path)
                #expect(answer.status == 404, "\(method) \(path): \(answer.status)")
                #expect(answer.body == "No such endpoint: \(path)\n", "\(method) \(path)")
            }
        }
    }

    @Test func aKnownPathAskedTheWrongWayIsTheEndpointsOwn405() async throws {
        try await withServer { raw in
            for (method, path) in [("POST", "/state"), ("PROPFIND", "/slave(1)/flags"), ("DELETE", "/files/browse.json")] {
                let answer = try await raw.send(method, path)
                #expect(answer.status == 405, "\(method) \(path)")
                #expect(answer.body == "Expecting a 'GET' request, received '\(method)'\n", "\(method) \(path)")
                #expect(answer.header("Allow") == "GET", "\(method) \(path)")
            }
            #expect(try await raw.send("PROPFIND", "/slave(1)/api/v1").status == 405)
        }
    }
}
