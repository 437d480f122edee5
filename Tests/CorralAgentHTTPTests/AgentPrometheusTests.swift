import CorralAgentHTTP
import CorralHTTPServer
import CorralHTTPTesting
import CorralModel
import CorralSDKHTTP
import Logging
import Synchronization
import Testing

/// The agent's `/metrics` as a scraper reads it: totals and per-task usage labelled with task,
/// framework and executor, behind the agent's read-only realm and `get_endpoints`.
@Suite struct AgentPrometheusTests {
    static let reading = AgentMetricsReading(
        values: ["slave/tasks_running": 1, "slave/cpus_total": 4, "slave/cpus_used": 0.5, "slave/registered": 1],
        tasks: [
            AgentMetricsReading.TaskUsage(
                key: TaskKey("F1", "web.1"), executorID: "web.1",
                usage: ResourceUsage(cpuTimeSeconds: 1.25, memoryBytes: 4096, memoryLimitBytes: 65536, throttledSeconds: 0.5, processes: 2)),
        ],
        total: ResourceUsage(memoryBytes: 8192))

    /// An agent endpoint on a free port, reading `reading`.
    static func withAgent(
        authenticator: HTTPAuthenticator = .none, acls: ACLs = .allowAll, reading: AgentMetricsReading? = Self.reading,
        _ body: @Sendable (RawHTTP) async throws -> Void
    ) async throws {
        var server = AgentHTTPServer(ip: "127.0.0.1", port: 0, workDirectory: "/nonexistent", agentID: { "S1" }, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        server.authenticator = authenticator
        server.acls = acls
        server.metricsReading = { reading }
        let configured = server
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, sink) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await configured.run { sink.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body(RawHTTP(master: MasterAddress(host: "127.0.0.1", port: port)))
            group.cancelAll()
        }
    }

    @Test func totalsAndEachTasksUsageUnderPrometheusNames() async throws {
        try await Self.withAgent { raw async throws in
            let answer = try await raw.send("GET", "/metrics")
            #expect(answer.status == 200)
            #expect(answer.headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("text/plain; version=0.0.4") })
            let scrape = try PrometheusScrape(parsing: answer.body)
            #expect(scrape.value("corral_agent_tasks_running") == 1)
            #expect(scrape.value("corral_agent_cpus_used") == 0.5)
            #expect(scrape.value("corral_agent_registered") == 1)
            let task = ["task": "web.1", "framework": "F1", "executor": "web.1"]
            #expect(scrape.types["corral_agent_task_cpu_seconds_total"] == "counter")
            #expect(scrape.value("corral_agent_task_cpu_seconds_total", task) == 1.25)
            #expect(scrape.value("corral_agent_task_memory_bytes", task) == 4096)
            #expect(scrape.value("corral_agent_task_memory_limit_bytes", task) == 65536)
            #expect(scrape.value("corral_agent_task_throttled_seconds_total", task) == 0.5)
            #expect(scrape.value("corral_agent_memory_bytes") == 8192)
            #expect(try await raw.send("POST", "/metrics").status == 405)
        }
    }

    @Test func beforeTheAgentExistsTheScrapeIs503() async throws {
        try await Self.withAgent(reading: nil) { raw async throws in
            #expect(try await raw.send("GET", "/metrics").status == 503)
        }
    }

    @Test func credentialsAndGetEndpointsDecideWhoReadsIt() async throws {
        let authenticator = HTTPAuthenticator(
            credentials: Credentials([Credential(principal: "ops", secret: "o"), Credential(principal: "dev", secret: "d")]),
            requiredRealms: [MesosRealm.agentReadonly])
        let acls = ACLs(permissive: true, rules: [
            .getEndpoints: [ACLs.Rule(principals: .some(["ops"]), objects: .any), ACLs.Rule(principals: .any, objects: .none)],
        ])
        try await Self.withAgent(authenticator: authenticator, acls: acls) { raw async throws in
            #expect(try await raw.send("GET", "/metrics").status == 401)
            #expect(try await raw.send("GET", "/metrics", headers: [("Authorization", Credential(principal: "dev", secret: "d").basicAuthorization)]).status == 403)
            #expect(try await raw.send("GET", "/metrics", headers: [("Authorization", Credential(principal: "ops", secret: "o").basicAuthorization)]).status == 200)
            #expect(try await raw.send("GET", "/health").status == 200)
        }
    }
}
