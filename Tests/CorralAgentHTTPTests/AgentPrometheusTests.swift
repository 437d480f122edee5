import CorralAgentHTTP
import CorralHTTPServer
import CorralHTTPTesting
import CorralModel
import Testing

/// The agent's `/metrics` as a scraper reads it: the snapshot's totals and each running
/// executor's usage labelled with task, framework and executor, behind the agent's read-only
/// realm and `get_endpoints`.
@Suite struct AgentPrometheusTests {
    /// F1 runs web.1 (its container sampled) and has finished web.0.
    static var state: AgentState {
        let resources = (try? Resources(parsing: "cpus:0.5;mem:64")) ?? Resources()
        func task(_ id: TaskID, _ state: TaskState) -> TaskRecord {
            TaskRecord(id: id, name: id.value, frameworkID: "F1", agentID: "S1", role: "*", resources: resources, command: nil, state: state, launchedAt: Time(seconds: 5))
        }
        func executor(_ id: TaskID) -> AgentExecutorState {
            AgentExecutorState(info: ExecutorInfo(executorID: ExecutorID(id.value), kind: nil), source: id.value, containerID: ContainerID("1-\(id)"), directory: "")
        }
        var running = executor("web.1")
        running.tasks = [task("web.1", .running)]
        running.statistics = ResourceStatistics(
            timestamp: 10, processes: 2, cpusUserTimeSecs: 1, cpusSystemTimeSecs: 0.25, cpusThrottledTimeSecs: 0.5, memTotalBytes: 4096,
            memLimitBytes: 65536)
        var ended = executor("web.0")
        ended.completedTasks = [task("web.0", .finished)]
        return AgentState(
            info: AgentInfo(id: "S1", hostname: "127.0.0.1", resources: (try? Resources(parsing: "cpus:4;mem:1024")) ?? Resources()),
            time: Time(seconds: 10), startedAt: Time(seconds: 0), version: "1.11.0", registered: true,
            frameworks: [AgentFrameworkState(info: FrameworkInfo(user: "alice", name: "web", id: "F1"), executors: [running], completedExecutors: [ended])],
            endedTasks: [.finished: 1])
    }

    /// An agent endpoint on a free port, reading `state`.
    static func withAgent(
        authenticator: HTTPAuthenticator = .none, acls: ACLs = .allowAll, state: AgentState? = Self.state,
        _ body: @Sendable (RawHTTP) async throws -> Void
    ) async throws {
        var server = AgentHTTPServer(
            ip: "127.0.0.1", port: 0, workDirectory: "/nonexistent", agentID: { "S1" }, state: { state }, logger: AgentServerHarness.quiet)
        server.authenticator = authenticator
        server.acls = acls
        try await AgentServerHarness.run(server) { raw, _ in try await body(raw) }
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
            #expect(scrape.types["corral_agent_tasks_finished_total"] == "counter")
            #expect(scrape.value("corral_agent_tasks_finished_total") == 1)
            #expect(scrape.value("corral_agent_uptime_seconds") == 10)
            let task = ["task": "web.1", "framework": "F1", "executor": "web.1"]
            #expect(scrape.types["corral_agent_task_cpu_seconds_total"] == "counter")
            #expect(scrape.value("corral_agent_task_cpu_seconds_total", task) == 1.25)
            #expect(scrape.value("corral_agent_task_memory_bytes", task) == 4096)
            #expect(scrape.value("corral_agent_task_memory_limit_bytes", task) == 65536)
            #expect(scrape.value("corral_agent_task_throttled_seconds_total", task) == 0.5)
            #expect(scrape.value("corral_agent_task_processes", task) == 2)
            #expect(!scrape.samples.contains { $0.labels["task"] == "web.0" }, "an ended task has no usage")
            #expect(scrape.value("corral_agent_memory_bytes") == 4096)
            #expect(try await raw.send("POST", "/metrics").status == 405)
        }
    }

    @Test func beforeTheAgentExistsTheScrapeIs503() async throws {
        try await Self.withAgent(state: nil) { raw async throws in
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

    @Test func aPrincipalSeesOnlyTheTasksItMayView() async throws {
        let authenticator = HTTPAuthenticator(credentials: Credentials([Credential(principal: "dev", secret: "d")]), requiredRealms: [MesosRealm.agentReadonly])
        let acls = ACLs(permissive: true, rules: [.viewFrameworks: [ACLs.Rule(principals: .some(["dev"]), objects: .none)]])
        try await Self.withAgent(authenticator: authenticator, acls: acls) { raw async throws in
            let answer = try await raw.send("GET", "/metrics", headers: [("Authorization", Credential(principal: "dev", secret: "d").basicAuthorization)])
            let scrape = try PrometheusScrape(parsing: answer.body)
            #expect(scrape.value("corral_agent_tasks_running") == 0, "as /metrics/snapshot counts for it")
            #expect(scrape.samples(named: "corral_agent_task_memory_bytes").isEmpty)
            #expect(scrape.value("corral_agent_cpus_total") == 4)
        }
    }
}
