import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// An agent's `/state`, `/monitor/statistics` and `/metrics/snapshot` as Mesos's agent writes
/// them: its frameworks, each with executors (a command task's has the task's ID) and their
/// four lists of tasks.
@Suite struct AgentStateJSONTests {
    let state = AgentFixtures.state

    @Test func stateNamesTheAgentAsMesosDoes() throws {
        let json = try jsonObject(AgentJSON.state(state))
        #expect(json["id"] as? String == "S1")
        #expect(json["pid"] as? String == "slave(1)@10.0.0.5:5051")
        #expect(json["hostname"] as? String == "10.0.0.5")
        #expect(json["port"] as? Int == 5051)
        #expect(json["version"] as? String == "1.11.0")
        #expect(json["start_time"] as? Double == 1_700_000_000)
        #expect(json["master_hostname"] as? String == "10.0.0.1")
        let resources = try #require(json["resources"] as? [String: Any])
        #expect(resources["cpus"] as? Double == 4)
        #expect(resources["ports"] as? String == "[31000-32000]")
        #expect((json["attributes"] as? [String: Any])?["rack"] as? String == "r1")
        #expect((json["flags"] as? [String: String])?["work_dir"] == "/w")
        // What the running and the queued task hold, reserved for their role.
        let allocated = try #require(json["reserved_resources_allocated"] as? [String: Any])
        #expect((allocated["web"] as? [String: Any])?["cpus"] as? Double == 1)
        #expect((json["unreserved_resources_allocated"] as? [String: Any])?["cpus"] as? Double == 0)
        for key in ["reserved_resources", "unreserved_resources", "reserved_resources_full", "unreserved_resources_full", "capabilities"] {
            #expect(json[key] != nil, "\(key)")
        }
    }

    @Test func aCommandTaskRunsUnderAnExecutorOfItsOwnWithItsSandbox() throws {
        let json = try jsonObject(AgentJSON.state(state))
        let frameworks = try #require(json["frameworks"] as? [[String: Any]])
        let framework = try #require(frameworks.first)
        #expect(framework["id"] as? String == "F1")
        #expect(framework["hostname"] as? String == "10.0.0.9")
        #expect(framework["roles"] as? [String] == ["web"])
        let executors = try #require(framework["executors"] as? [[String: Any]])
        #expect(executors.map { $0["id"] as? String } == ["T1", "T3"])
        let running = executors[0]
        #expect(running["directory"] as? String == "/w/agents/S1/frameworks/F1/tasks/T1")
        #expect(running["container"] as? String == "1-T1")
        #expect(running["source"] as? String == "T1")
        #expect((running["resources"] as? [String: Any])?["mem"] as? Double == 64)
        let task = try #require((running["tasks"] as? [[String: Any]])?.first)
        #expect(task["id"] as? String == "T1")
        #expect(task["state"] as? String == "TASK_RUNNING")
        #expect(task["slave_id"] as? String == "S1")
        let status = try #require((task["statuses"] as? [[String: Any]])?.first)
        #expect((status["container_status"] as? [String: Any]).flatMap { $0["container_id"] as? [String: String] } == ["value": "1-T1"])
        // Not started yet: written as Mesos writes a TaskInfo.
        let queued = try #require((executors[1]["queued_tasks"] as? [[String: Any]])?.first)
        #expect(queued["id"] as? String == "T3")
        #expect((queued["command"] as? [String: Any])?["value"] as? String == "sleep 100")
        #expect(queued["state"] == nil)
        let completed = try #require(framework["completed_executors"] as? [[String: Any]])
        #expect(completed.map { $0["id"] as? String } == ["T0"])
        #expect(((completed[0]["completed_tasks"] as? [[String: Any]])?.first)?["state"] as? String == "TASK_FINISHED")
    }

    @Test func aFrameworkWhoseExecutorsAllEndedIsCompleted() throws {
        let json = try jsonObject(AgentJSON.state(state))
        let completed = try #require(json["completed_frameworks"] as? [[String: Any]])
        #expect(completed.map { $0["id"] as? String } == ["F2"])
        #expect((completed[0]["executors"] as? [Any])?.isEmpty == true)
        #expect((completed[0]["completed_executors"] as? [[String: Any]])?.first?["id"] as? String == "T9")
    }

    @Test func monitorStatisticsListsEachRunningExecutorWithItsCounters() throws {
        let entries = try jsonArray(AgentJSON.monitorStatistics(state))
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry["executor_id"] as? String == "T1")
        #expect(entry["framework_id"] as? String == "F1")
        #expect(entry["source"] as? String == "T1")
        #expect(entry["executor_name"] as? String == "Command Executor (Task: T1)")
        let statistics = try #require(entry["statistics"] as? [String: Any])
        #expect(statistics["timestamp"] as? Double == 1_700_000_100)
        #expect(statistics["cpus_user_time_secs"] as? Double == 1.5)
        #expect(statistics["cpus_system_time_secs"] as? Double == 0.25)
        #expect(statistics["cpus_limit"] as? Double == 0.5)
        #expect(statistics["cpus_nr_periods"] as? Int == 10)
        #expect(statistics["cpus_nr_throttled"] as? Int == 2)
        #expect(statistics["cpus_throttled_time_secs"] as? Double == 0.125)
        #expect(statistics["mem_rss_bytes"] as? Int == 2048)
        #expect(statistics["mem_limit_bytes"] as? Int == 67_108_864)
    }

    @Test func statisticsLeaveOutWhatWasNotMeasured() {
        let posix = ResourceStatistics(timestamp: 1, cpusUserTimeSecs: 2, cpusSystemTimeSecs: 3, memRssBytes: 4)
        #expect(MesosJSON.encode(posix).text == #"{"timestamp":1.0,"cpus_user_time_secs":2.0,"cpus_system_time_secs":3.0,"mem_rss_bytes":4}"#)
    }

    @Test func metricsUseMesosAgentNames() throws {
        let metrics = Dictionary(uniqueKeysWithValues: AgentMetrics.values(of: state).map { ($0.name, $0.value) })
        #expect(metrics["slave/tasks_running"] == 1)
        #expect(metrics["slave/tasks_staging"] == 1)
        #expect(metrics["slave/tasks_finished"] == 1)
        #expect(metrics["slave/tasks_killed"] == 1)
        #expect(metrics["slave/tasks_failed"] == 0)
        #expect(metrics["slave/cpus_total"] == 4)
        #expect(metrics["slave/cpus_used"] == 1)
        #expect(metrics["slave/mem_used"] == 128)
        #expect(metrics["slave/mem_percent"] == 128.0 / 2048)
        #expect(metrics["slave/uptime_secs"] == 200)
        #expect(metrics["slave/registered"] == 1)
        #expect(metrics["slave/frameworks_active"] == 1)
        #expect(metrics["slave/executors_running"] == 2)
        #expect(metrics["slave/executors_terminated"] == 2)
        let snapshot = try jsonObject(LegacyJSON.metricsSnapshot(AgentMetrics.values(of: state)))
        #expect(snapshot["slave/tasks_running"] as? Double == 1)
    }
}
