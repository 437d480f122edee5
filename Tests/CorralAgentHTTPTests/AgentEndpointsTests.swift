import CorralAgent
import CorralAgentHTTP
import CorralHTTPTesting
import CorralModel
import CorralTesting
import Foundation
import Testing

/// A real agent's endpoints while it runs `sleeper` (`sleep 60`) and has run `greeter` (`echo
/// hi`) to its end: `/state` (each task under a command executor of its own, whose directory
/// the files API serves), `/monitor/statistics`, `/api/v1`, `/metrics/snapshot` and `/metrics`.
@Suite(.timeLimit(.minutes(2))) struct AgentEndpointsTests {
    static let framework = FrameworkInfo(user: "root", name: "endpoints", id: "F1", hostname: "10.0.0.9")

    func withAgent(_ body: @Sendable (RawHTTP, Agent) async throws -> Void) async throws {
        let work = AgentServerHarness.scratchDirectory("agent-endpoints")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let configuration = AgentConfiguration(
            name: "endpoints-\(UInt32.random(in: 0...UInt32.max))", hostname: "127.0.0.1", resources: try Resources(parsing: "cpus:2;mem:1024"),
            workDirectory: work)
        let agent = try Agent(configuration: configuration, logger: AgentServerHarness.quiet)
        let master = RecordingMaster()
        let server = AgentHTTPServer(
            ip: "127.0.0.1", port: 0, workDirectory: work, agentID: { await agent.agentID }, state: { await agent.state() },
            logger: AgentServerHarness.quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await agent.run(master: master) }
            defer { group.cancelAll() }
            #expect(await eventually { await agent.agentID != nil }, "the agent did not register")
            for (id, command) in [("sleeper", "sleep 60"), ("greeter", "echo hi")] {
                let task = TaskInfo(
                    name: id, taskID: TaskID(id), agentID: "agent-1", resources: try Resources(parsing: "cpus:0.5;mem:64"), command: .shell(command))
                agent.send(.launch(LaunchRequest(framework: Self.framework, tasks: [task])))
            }
            #expect(await eventually { await master.statuses(of: "sleeper").contains { $0.state == .running } })
            // Its end acknowledged, the agent lets go of the greeter: it is completed.
            #expect(await eventually {
                await agent.state().frameworks.first?.completedExecutors.first?.completedTasks.first?.state == .finished
            })
            try await AgentServerHarness.run(server) { raw, _ in try await body(raw, agent) }
        }
    }

    @Test func stateShowsEachTaskUnderItsExecutorAndTheFilesAPIServesItsDirectory() async throws {
        try await withAgent { raw, _ in
            let state = try #require(try await raw.send("GET", "/state").json() as? [String: Any])
            #expect(state["id"] as? String == "agent-1")
            #expect(state["pid"] as? String == "slave(1)@127.0.0.1:5051")
            let framework = try #require((state["frameworks"] as? [[String: Any]])?.first)
            #expect(framework["id"] as? String == "F1")
            #expect(framework["hostname"] as? String == "10.0.0.9")
            let running = try #require((framework["executors"] as? [[String: Any]])?.first)
            #expect(running["id"] as? String == "sleeper")
            #expect((running["tasks"] as? [[String: Any]])?.first?["state"] as? String == "TASK_RUNNING")
            let ended = try #require((framework["completed_executors"] as? [[String: Any]])?.first)
            #expect(ended["id"] as? String == "greeter")
            #expect((ended["completed_tasks"] as? [[String: Any]])?.first?["state"] as? String == "TASK_FINISHED")
            let directory = try #require(ended["directory"] as? String)
            let listing = try #require(try await raw.send("GET", "/files/browse?path=\(directory)").json() as? [[String: Any]])
            #expect(listing.contains { $0["path"] as? String == directory + "/stdout" })
            let output = try await raw.send("GET", "/files/read?path=\(directory)/stdout&offset=0&length=-1").body
            #expect(output == #"{"data":"hi\n","offset":0}"#)
            for alias in ["/state.json", "/slave(1)/state", "/slave(1)/state.json"] {
                #expect(try await raw.send("GET", alias).status == 200, "\(alias)")
            }
        }
    }

    @Test func monitorStatisticsHasTheRunningExecutorsCounters() async throws {
        try await withAgent { raw, agent in
            let entries = try #require(try await raw.send("GET", "/monitor/statistics").json() as? [[String: Any]])
            #expect(entries.map { $0["executor_id"] as? String } == ["sleeper"])
            let entry = try #require(entries.first)
            #expect(entry["framework_id"] as? String == "F1")
            #expect(entry["source"] as? String == "sleeper")
            #expect((entry["executor_name"] as? String)?.hasPrefix("Command Executor (Task: sleeper)") == true)
            let statistics = try #require(entry["statistics"] as? [String: Any])
            #expect((statistics["timestamp"] as? Double ?? 0) > 1_600_000_000)
            #expect(statistics["cpus_user_time_secs"] is Double && statistics["cpus_system_time_secs"] is Double)
            #expect(statistics["cpus_limit"] as? Double == 0.5)
            #expect(statistics["mem_rss_bytes"] is Int)
            if agent.isolation.hasPrefix("cgroups") {
                #expect(statistics["mem_limit_bytes"] as? Int == 64 << 20)
                #expect(statistics["cpus_nr_periods"] is Int && statistics["cpus_nr_throttled"] is Int)
                #expect(statistics["cpus_throttled_time_secs"] is Double)
            }
            #expect(try await raw.send("GET", "/monitor/statistics.json").status == 200)
        }
    }

    @Test func theOperatorAPIAnswersTheReadingCalls() async throws {
        try await withAgent { raw, _ in
            func call(_ type: String) async throws -> [String: Any] {
                let answer = try await raw.post("/api/v1", json: #"{"type":"\#(type)"}"#)
                #expect(answer.status == 200, "\(type): \(answer.body)")
                let json = try #require(try answer.json() as? [String: Any])
                return try #require(json[type.lowercased()] as? [String: Any])
            }
            let tasks = try await call("GET_TASKS")
            let launched = try #require((tasks["launched_tasks"] as? [[String: Any]])?.first)
            #expect((launched["task_id"] as? [String: String])?["value"] == "sleeper")
            let completed = try #require((tasks["completed_tasks"] as? [[String: Any]])?.first)
            let status = try #require((completed["statuses"] as? [[String: Any]])?.last)
            let container = try #require(((status["container_status"] as? [String: Any])?["container_id"] as? [String: String])?["value"])
            #expect(container.hasSuffix("-greeter"))
            let containers = try #require(try await call("GET_CONTAINERS")["containers"] as? [[String: Any]])
            #expect(containers.map { ($0["executor_id"] as? [String: String])?["value"] } == ["sleeper"])
            #expect(containers.first?["resource_statistics"] is [String: Any])
            #expect((try await call("GET_EXECUTORS")["completed_executors"] as? [Any])?.count == 1)
            #expect((try await call("GET_FRAMEWORKS")["frameworks"] as? [Any])?.count == 1)
            #expect(Set(try await call("GET_STATE").keys) == ["get_tasks", "get_executors", "get_frameworks"])
            #expect(try await call("GET_HEALTH")["healthy"] as? Bool == true)
            #expect((try await call("GET_VERSION")["version_info"] as? [String: Any])?["version"] as? String == "1.11.0")
        }
    }

    @Test func theOperatorAPIRefusesWhatItDoesNotAnswerSayingWhy() async throws {
        try await withAgent { raw, _ in
            let unknown = try await raw.post("/api/v1", json: #"{"type":"LAUNCH_NESTED_CONTAINER"}"#)
            #expect(unknown.status == 400)
            #expect(unknown.body.contains("LAUNCH_NESTED_CONTAINER"))
            #expect(try await raw.post("/api/v1", json: "{}").status == 400)
            #expect(try await raw.post("/api/v1", json: #"{"type":"GET_HEALTH"}"#, headers: [("Content-Type", "text/plain")]).status == 415)
            #expect(try await raw.send("GET", "/api/v1").status == 405)
            #expect(try await raw.post("/api/v1", json: #"{"type":"GET_HEALTH"}"#, headers: [("Content-Type", "application/json"), ("Accept", "application/x-protobuf")]).status == 406)
        }
    }

    @Test func metricsCountTheTasksByState() async throws {
        try await withAgent { raw, _ in
            let metrics = try #require(try await raw.send("GET", "/metrics/snapshot").json() as? [String: Double])
            #expect(metrics["slave/tasks_running"] == 1)
            #expect(metrics["slave/tasks_finished"] == 1)
            #expect(metrics["slave/registered"] == 1)
            #expect(metrics["slave/cpus_total"] == 2)
            #expect(metrics["slave/cpus_used"] == 0.5)
            #expect(metrics["slave/mem_used"] == 64)
            #expect((metrics["slave/uptime_secs"] ?? -1) >= 0)
        }
    }

    @Test func prometheusMetricsHaveTheSnapshotsTotalsAndTheRunningContainersUsage() async throws {
        try await withAgent { raw, agent in
            let scrape = try PrometheusScrape(parsing: try await raw.send("GET", "/metrics").body)
            #expect(scrape.value("corral_agent_tasks_running") == 1)
            #expect(scrape.value("corral_agent_tasks_finished_total") == 1)
            #expect(scrape.value("corral_agent_cpus_used") == 0.5 && scrape.value("corral_agent_mem_used") == 64)
            let sleeper = ["task": "sleeper", "framework": "F1", "executor": "sleeper"]
            #expect(scrape.value("corral_agent_task_cpu_seconds_total", sleeper) != nil)
            #expect((scrape.value("corral_agent_task_memory_bytes", sleeper) ?? 0) > 0)
            if agent.isolation.hasPrefix("cgroups") { #expect(scrape.value("corral_agent_task_memory_limit_bytes", sleeper) == Double(64 << 20)) }
            #expect(scrape.samples(named: "corral_agent_task_memory_bytes").count == 1, "the greeter's container ended: it has no usage")
        }
    }
}
