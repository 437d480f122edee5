import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// The agent's v1 operator API (agent.proto's `Call` and `Response`): what it answers, and
/// the calls it refuses.
@Suite struct AgentOperatorJSONTests {
    let state = AgentFixtures.state

    func response(_ call: AgentOperatorCall) throws -> [String: Any] {
        let json = try jsonObject(AgentOperatorJSON.response(to: call, state: state))
        #expect(json["type"] as? String == call.typeName)
        return try #require(json[call.typeName.lowercased()] as? [String: Any])
    }

    @Test func healthAndVersion() throws {
        #expect(AgentOperatorJSON.response(to: .getHealth, state: state).text == #"{"type":"GET_HEALTH","get_health":{"healthy":true}}"#)
        #expect((try response(.getVersion)["version_info"] as? [String: Any])?["version"] as? String == "1.11.0")
    }

    @Test func tasksAreListedByWhereTheyStand() throws {
        let tasks = try response(.getTasks)
        let ids = { (key: String) in (tasks[key] as? [[String: Any]])?.compactMap { ($0["task_id"] as? [String: String])?["value"] } }
        #expect(ids("launched_tasks") == ["T1"])
        #expect(ids("queued_tasks") == ["T3"])
        #expect(ids("completed_tasks") == ["T0", "T9"])
        #expect(tasks["terminated_tasks"] == nil)
        let running = try #require((tasks["launched_tasks"] as? [[String: Any]])?.first)
        #expect((running["labels"] as? [String: Any]) != nil)
        #expect(running["state"] as? String == "TASK_RUNNING")
        let status = try #require((running["statuses"] as? [[String: Any]])?.first)
        #expect((status["container_status"] as? [String: Any])?["container_id"] as? [String: String] == ["value": "1-T1"])
    }

    @Test func executorsFrameworksAndContainers() throws {
        let executors = try response(.getExecutors)
        #expect((executors["executors"] as? [[String: Any]])?.count == 2)
        #expect((executors["completed_executors"] as? [[String: Any]])?.count == 2)
        let info = try #require(((executors["executors"] as? [[String: Any]])?.first)?["executor_info"] as? [String: Any])
        #expect((info["executor_id"] as? [String: String])?["value"] == "T1")
        #expect(info["type"] == nil)
        let frameworks = try response(.getFrameworks)
        #expect(((frameworks["frameworks"] as? [[String: Any]])?.first?["framework_info"] as? [String: Any])?["hostname"] as? String == "10.0.0.9")
        #expect((frameworks["completed_frameworks"] as? [[String: Any]])?.count == 1)
        let containers = try #require(try response(.getContainers)["containers"] as? [[String: Any]])
        #expect(containers.count == 2)
        let running = containers[0]
        #expect((running["container_id"] as? [String: String])?["value"] == "1-T1")
        #expect(running["executor_name"] as? String == "Command Executor (Task: T1)")
        #expect((running["container_status"] as? [String: Any])?["container_id"] as? [String: String] == ["value": "1-T1"])
        #expect((running["resource_statistics"] as? [String: Any])?["mem_rss_bytes"] as? Int == 2048)
        #expect(containers[1]["resource_statistics"] == nil)
    }

    @Test func stateHoldsTasksExecutorsAndFrameworks() throws {
        let state = try response(.getState)
        #expect(Set(state.keys) == ["get_tasks", "get_executors", "get_frameworks"])
        #expect((try response(.getAgent)["agent_info"] as? [String: Any])?["hostname"] as? String == "10.0.0.5")
        let metrics = try #require(try response(.getMetrics)["metrics"] as? [[String: Any]])
        #expect(metrics.contains { $0["name"] as? String == "slave/tasks_running" && $0["value"] as? Double == 1 })
        let flags = try #require(try response(.getFlags)["flags"] as? [[String: Any]])
        #expect(flags.contains { $0["name"] as? String == "port" && $0["value"] as? String == "5051" })
    }

    @Test func aCallTheAgentDoesNotAnswerIsRefusedNamingIt() {
        let supported = AgentOperatorCall.allCases.map(\.typeName).joined(separator: ", ")
        #expect(decodingError(AgentOperatorCall.self, #"{"type":"LAUNCH_NESTED_CONTAINER"}"#)
            == #"type: unsupported agent call type "LAUNCH_NESTED_CONTAINER"; supported types: "# + supported)
        #expect(decodingError(AgentOperatorCall.self, #"{"type":"GET_ROLES"}"#)?.contains(#""GET_ROLES""#) == true)
        #expect(decodingError(AgentOperatorCall.self, "{}") == "type: missing required field")
        #expect((try? MesosJSON.decode(AgentOperatorCall.self, from: #"{"type":"GET_CONTAINERS","get_containers":{"show_nested":true}}"#)) == .getContainers)
    }

    @Test func aStatusCarriesItsContainerBothWays() throws {
        let status = TaskStatus(taskID: "T1", state: .running, containerStatus: ContainerStatus(containerID: "1-T1"))
        #expect(MesosJSON.encode(status).text == #"{"task_id":{"value":"T1"},"state":"TASK_RUNNING","container_status":{"container_id":{"value":"1-T1"}}}"#)
        #expect(try roundTripped(status) == status)
        // Mesos's documented statuses may name only the container's network.
        let networkOnly = #"{"task_id":{"value":"T1"},"state":"TASK_RUNNING","container_status":{"network_infos":[]}}"#
        #expect(try MesosJSON.decode(TaskStatus.self, from: networkOnly).containerStatus == nil)
    }
}
