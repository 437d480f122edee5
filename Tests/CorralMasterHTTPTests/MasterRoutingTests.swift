import CorralHTTPTesting
import Testing

/// How the master finds an endpoint for a path, as Mesos's master and its clients expect:
/// repeated and trailing slashes do not matter, the legacy endpoints answer with and without
/// `/master/` in front (and `.json` where Mesos has it), anything else is a 404 naming the path
/// as sent, and a known path asked the wrong way is the endpoint's own 405, whatever the method.
@Suite(.timeLimit(.minutes(1))) struct MasterRoutingTests {
    @Test func slashesAndTheMasterPrefixFindTheSameEndpoint() async throws {
        try await HTTPTestCluster.run(agents: 0) { _, master in
            let raw = RawHTTP(master: master)
            for path in ["/state", "/master/state/", "//master//state", "/state.json", "/master/frameworks/", "/master/health", "/master/metrics/snapshot"] {
                let answer = try await raw.send("GET", path)
                #expect(answer.status == 200, "\(path): \(answer.status) \(answer.body)")
            }
        }
    }

    @Test func unknownPathsAreA404NamingThePathAsSent() async throws {
        try await HTTPTestCluster.run(agents: 0) { _, master in
            let raw = RawHTTP(master: master)
            for (method, path) in [
                ("GET", "/"), ("GET", "/master"), ("GET", "/master/master/state"), ("POST", "/master/api/v1"), ("GET", "/State"),
                ("GET", "/master/corral/v1/explain"), ("GET", "/state/x"), ("POST", "/api/v1/scheduler/more"),
            ] {
                let answer = try await raw.send(method, path)
                #expect(answer.status == 404, "\(method) \(path): \(answer.status)")
                #expect(answer.body == "No such endpoint: \(path)\n", "\(method) \(path)")
            }
        }
    }

    @Test func aKnownPathAskedTheWrongWayIsTheEndpointsOwn405() async throws {
        try await HTTPTestCluster.run(agents: 0) { _, master in
            let raw = RawHTTP(master: master)
            for method in ["POST", "DELETE", "PROPFIND"] {
                let answer = try await raw.send(method, "/master/state/")
                #expect(answer.status == 405, "\(method)")
                #expect(answer.body == "Expecting a 'GET' request, received '\(method)'\n", "\(method)")
                #expect(answer.header("Allow") == "GET", "\(method)")
            }
            #expect(try await raw.send("PROPFIND", "/api/v1/scheduler").status == 405)
            #expect(try await raw.send("GET", "//api/v1//").status == 405)
            #expect(try await raw.send("HEAD", "/corral/v1/explain/").status != 404)
        }
    }
}

extension RawHTTP.Answer {
    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}
