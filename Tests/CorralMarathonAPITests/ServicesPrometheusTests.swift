import CorralHTTPServer
import CorralHTTPTesting
import CorralModel
import CorralTesting
import Testing

/// Services' `/metrics/prometheus`: its counts in Prometheus's text format, moving as apps do.
@Suite(.timeLimit(.minutes(2))) struct ServicesPrometheusTests {
    static func scrape(_ http: RawHTTP, headers: [(String, String)] = []) async throws -> PrometheusScrape {
        let answer = try await http.send("GET", "/metrics/prometheus", headers: headers)
        #expect(answer.status == 200, "\(answer.body)")
        #expect(answer.headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("text/plain; version=0.0.4") })
        return try PrometheusScrape(parsing: answer.body)
    }

    @Test func instancesAndLaunchesMoveAsAnAppDeploys() async throws {
        let marker = String(UInt32.random(in: 0...UInt32.max))
        let tests = MarathonAPITests()
        try await tests.withMarathon { http in
            let empty = try await Self.scrape(http)
            #expect(empty.value("corral_services_apps") == 0)
            #expect(empty.value("corral_services_tasks_launched_total") == 0)
            #expect(empty.types["corral_services_tasks_failed_total"] == "counter")

            let created = try await tests.post(http, "/v2/apps", #"{"id": "/metered", "cmd": "exec sleep 600.\#(marker)", "cpus": 0.1, "mem": 16, "instances": 2}"#)
            #expect(created.status == 201)
            #expect(await eventually { (try? await Self.scrape(http).value("corral_services_instances_running")) == 2 })
            let deployed = try await Self.scrape(http)
            #expect(deployed.value("corral_services_apps") == 1)
            #expect(deployed.value("corral_services_instances_wanted") == 2)
            #expect(deployed.value("corral_services_tasks_launched_total") == 2)

            #expect(try await http.send("DELETE", "/v2/apps/metered").status == 200)
            #expect(await eventually { (try? await Self.scrape(http).value("corral_services_apps")) == 0 })
            #expect(await eventually { processes(containing: "600.\(marker)").isEmpty })
        }
    }

    @Test func withCredentialsRequiredTheScrapeNeedsThemToo() async throws {
        let credential = Credential(principal: "prometheus", secret: "pw")
        let authenticator = HTTPAuthenticator(credentials: Credentials([credential]), requiredRealms: ["Mesosphere"])
        try await MarathonAPITests().withMarathon(authenticator: authenticator) { http async throws in
            #expect(try await http.send("GET", "/metrics/prometheus").status == 401)
            #expect(try await Self.scrape(http, headers: [("Authorization", credential.basicAuthorization)]).value("corral_services_apps") == 0)
            #expect(try await http.send("POST", "/metrics/prometheus", headers: [("Authorization", credential.basicAuthorization)]).status == 405)
        }
    }
}
