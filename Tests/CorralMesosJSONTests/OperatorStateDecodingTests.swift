import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// GET_STATE read back into a `ClusterSnapshot`, as a console attached to a remote master does:
/// Corral's own output round-trips what it carries, and Apache Mesos's documented output reads.
@Suite struct OperatorStateDecodingTests {
    static let readAt = Time(seconds: 1_700_000_200)

    func decode(_ json: [UInt8]) throws -> ClusterSnapshot {
        try ClusterSnapshot(
            operatorState: MesosJSON.parse(json), time: Self.readAt, masterInfo: OperatorFixtures.masterInfo,
            startedAt: Time(seconds: 1_700_000_000))
    }

    @Test func roundTripKeepsWhatGetStateCarries() throws {
        let original = OperatorFixtures.small
        let json = OperatorJSON.response(to: .getState, snapshot: original, master: OperatorFixtures.master)!
        // What GET_STATE does not carry: roles, when the offer was made, the time of reading.
        var expected = original
        expected.time = Self.readAt
        expected.roles = []
        expected.offers = original.offers.map { OfferSnapshot(offer: $0.offer, createdAt: Self.readAt) }
        #expect(try decode(json) == expected)
        // The bare `get_state` body (as SUBSCRIBED embeds it) reads the same.
        guard case .object(let response) = try MesosJSON.parse(json), let body = response["get_state"] else {
            Issue.record("no get_state")
            return
        }
        #expect(try ClusterSnapshot(operatorState: body, time: Self.readAt, masterInfo: OperatorFixtures.masterInfo, startedAt: Time(seconds: 1_700_000_000)) == expected)
    }

    @Test func roundTripOfALargerClusterCountsTasks() throws {
        var original = OperatorFixtures.large(agents: 7, tasks: 100)
        // What `Task` has no field for: the launch time (the first status's stands in) and the command.
        for index in original.tasks.indices {
            original.tasks[index].launchedAt = original.tasks[index].statuses[0].timestamp!
            original.tasks[index].command = nil
        }
        for index in original.agents.indices { original.agents[index].isolation = nil }
        for index in original.frameworks.indices {
            original.frameworks[index].dominantShare = 0
            original.frameworks[index].taskCount = 5
        }
        let decoded = try decode(OperatorJSON.response(to: .getState, snapshot: original, master: OperatorFixtures.master)!)
        #expect(decoded.tasks.count == 100)
        #expect(zip(decoded.tasks, original.tasks).allSatisfy { $0 == $1 })
        #expect(decoded.frameworks == original.frameworks)
        #expect(decoded.agents.map(\.taskCount) == [15, 15, 14, 14, 14, 14, 14])
        #expect(decoded.agents.map(\.info) == original.agents.map(\.info))
    }

    @Test func mesosDocumentedExampleReads() throws {
        let snapshot = try ClusterSnapshot(
            operatorState: MesosJSON.parse(Self.mesosGetState), time: Self.readAt, masterInfo: OperatorFixtures.masterInfo)
        let agentID = AgentID("628984d0-4213-4140-bcb0-99d7ef46b1df-S0")
        let frameworkID = FrameworkID("628984d0-4213-4140-bcb0-99d7ef46b1df-0000")
        let resources = try Resources(parsing: "cpus:2;mem:1024;disk:1024;ports:[31000-32000]")

        #expect(snapshot.agents.count == 1)
        let agent = try #require(snapshot.agents.first)
        #expect(agent.id == agentID)
        #expect(agent.info == AgentInfo(id: agentID, hostname: "myhost", port: 34626, resources: resources))
        #expect(agent.active)
        #expect(agent.total == resources)
        #expect(agent.used.isEmpty && agent.offered.isEmpty)
        #expect(abs(agent.registeredAt.seconds - 1_470_820_172.046_531_84) < 1e-6)
        #expect(agent.taskCount == 0)

        #expect(snapshot.frameworks.count == 1)
        let framework = try #require(snapshot.frameworks.first)
        #expect(framework.id == frameworkID)
        #expect(framework.info.name == "default")
        #expect(framework.info.roles == ["*"])
        #expect(framework.info.principal == "my-principal")
        #expect(framework.info.hostname == "abcdev")
        #expect(framework.active && framework.connected)
        #expect(abs(framework.registeredAt.seconds - 1_470_820_172.039_300_864) < 1e-6)

        #expect(snapshot.tasks.isEmpty)
        #expect(snapshot.completedTasks.count == 1)
        let task = try #require(snapshot.completedTasks.first)
        #expect(task.id == "eb5cb680-a998-4605-8811-e79db8734c02")
        #expect(task.name == "test-task")
        #expect(task.frameworkID == frameworkID)
        #expect(task.agentID == agentID)
        #expect(task.executorID == "default")
        #expect(task.state == .finished)
        #expect(task.resources == resources)
        #expect(task.role == "*")
        #expect(task.statuses.map(\.state) == [.running, .finished])
        #expect(task.statuses.map(\.source) == [.executor, .executor])
        #expect(task.statuses[1].uuid == Base64.decode("IWjmPnfgQCWxGVlNNwctcg=="))
        #expect(task.launchedAt == Time(seconds: 1_470_820_172.073_15))

        #expect(snapshot.offers.isEmpty && snapshot.roles.isEmpty && snapshot.taskUsage.isEmpty)
        #expect(snapshot.time == Self.readAt)
    }

    @Test func lenientWhereMesosOutputVaries() throws {
        // Unknown fields anywhere, a framework without `recovered`, an agent without
        // `total_resources` (its info's stand in), a task in a state this side does not know.
        let json = """
            {"get_agents":{"agents":[{"agent_info":{"id":{"value":"S9"},"hostname":"h","resources":[\
            {"name":"cpus","type":"SCALAR","scalar":{"value":8}}],"domain":{}},"active":false,"drain_info":{},\
            "capabilities":[{"type":"MULTI_ROLE"}]}],"recovered_agents":[]},\
            "get_frameworks":{"frameworks":[{"framework_info":{"user":"u","name":"n","id":{"value":"F9"},\
            "offer_filters":{}},"active":false,"connected":false,"inverse_offers":[],"reregistered_time":{"nanoseconds":5}}],\
            "completed_frameworks":[{"framework_info":{"user":"u","name":"gone","id":{"value":"F8"}}}]},\
            "get_tasks":{"pending_tasks":[],"tasks":[{"task_id":{"value":"T9"},"framework_id":{"value":"F9"},\
            "agent_id":{"value":"S9"},"state":"TASK_FROM_THE_FUTURE","container":{"type":"MESOS"},"limits":{}}]},\
            "get_operations":{}}
            """
        let snapshot = try ClusterSnapshot(operatorState: MesosJSON.parse(json), time: .zero, masterInfo: OperatorFixtures.masterInfo)
        #expect(snapshot.agents.map(\.total.cpus) == [8])
        #expect(snapshot.agents.map(\.active) == [false])
        #expect(snapshot.agents.map(\.taskCount) == [1])
        #expect(snapshot.frameworks.map(\.id) == ["F9"])
        #expect(snapshot.frameworks.map(\.taskCount) == [1])
        #expect(snapshot.completedFrameworks.map(\.info.name) == ["gone"])
        #expect(snapshot.tasks.map(\.state) == [.unknown])
        #expect(snapshot.tasks.map(\.name) == [""])
    }

    @Test func errorsNameTheirPath() {
        func error(_ json: String) -> String? {
            do {
                _ = try ClusterSnapshot(operatorState: MesosJSON.parse(json), time: .zero, masterInfo: OperatorFixtures.masterInfo)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error(#"{"get_agents":{"agents":[{"active":true}]}}"#) == "get_agents.agents[0].agent_info: missing required field")
        #expect(error(#"{"get_tasks":{"tasks":[{"name":"x"}]}}"#) == "get_tasks.tasks[0].task_id: missing required field")
        #expect(error(#"{"get_frameworks":{"frameworks":[{"framework_info":{"name":"x"}}]}}"#)
            == "get_frameworks.frameworks[0].framework_info.user: missing required field")
    }

    /// The GET_STATE response of Apache Mesos's docs/operator-http-api.md, retyped.
    static let mesosGetState = """
        {
          "type": "GET_STATE",
          "get_state": {
            "get_agents": {
              "agents": [
                {
                  "active": true,
                  "agent_info": {
                    "hostname": "myhost",
                    "id": {"value": "628984d0-4213-4140-bcb0-99d7ef46b1df-S0"},
                    "port": 34626,
                    "resources": [
                      {"name": "cpus", "role": "*", "scalar": {"value": 2.0}, "type": "SCALAR"},
                      {"name": "mem", "role": "*", "scalar": {"value": 1024.0}, "type": "SCALAR"},
                      {"name": "disk", "role": "*", "scalar": {"value": 1024.0}, "type": "SCALAR"},
                      {"name": "ports", "ranges": {"range": [{"begin": 31000, "end": 32000}]}, "role": "*", "type": "RANGES"}
                    ]
                  },
                  "pid": "slave(3)@127.0.1.1:34626",
                  "registered_time": {"nanoseconds": 1470820172046531840},
                  "total_resources": [
                    {"name": "cpus", "role": "*", "scalar": {"value": 2.0}, "type": "SCALAR"},
                    {"name": "mem", "role": "*", "scalar": {"value": 1024.0}, "type": "SCALAR"},
                    {"name": "disk", "role": "*", "scalar": {"value": 1024.0}, "type": "SCALAR"},
                    {"name": "ports", "ranges": {"range": [{"begin": 31000, "end": 32000}]}, "role": "*", "type": "RANGES"}
                  ],
                  "version": "1.1.0"
                }
              ]
            },
            "get_executors": {
              "executors": [
                {
                  "agent_id": {"value": "628984d0-4213-4140-bcb0-99d7ef46b1df-S0"},
                  "executor_info": {
                    "command": {"shell": true, "value": ""},
                    "executor_id": {"value": "default"},
                    "framework_id": {"value": "628984d0-4213-4140-bcb0-99d7ef46b1df-0000"}
                  }
                }
              ]
            },
            "get_frameworks": {
              "frameworks": [
                {
                  "active": true,
                  "connected": true,
                  "framework_info": {
                    "checkpoint": false,
                    "failover_timeout": 0.0,
                    "hostname": "abcdev",
                    "id": {"value": "628984d0-4213-4140-bcb0-99d7ef46b1df-0000"},
                    "name": "default",
                    "principal": "my-principal",
                    "role": "*",
                    "user": "root"
                  },
                  "registered_time": {"nanoseconds": 1470820172039300864},
                  "reregistered_time": {"nanoseconds": 1470820172039300864}
                }
              ]
            },
            "get_tasks": {
              "completed_tasks": [
                {
                  "agent_id": {"value": "628984d0-4213-4140-bcb0-99d7ef46b1df-S0"},
                  "executor_id": {"value": "default"},
                  "framework_id": {"value": "628984d0-4213-4140-bcb0-99d7ef46b1df-0000"},
                  "name": "test-task",
                  "resources": [
                    {"name": "cpus", "role": "*", "scalar": {"value": 2.0}, "type": "SCALAR"},
                    {"name": "mem", "role": "*", "scalar": {"value": 1024.0}, "type": "SCALAR"},
                    {"name": "disk", "role": "*", "scalar": {"value": 1024.0}, "type": "SCALAR"},
                    {"name": "ports", "ranges": {"range": [{"begin": 31000, "end": 32000}]}, "role": "*", "type": "RANGES"}
                  ],
                  "state": "TASK_FINISHED",
                  "status_update_state": "TASK_FINISHED",
                  "status_update_uuid": "IWjmPnfgQCWxGVlNNwctcg==",
                  "statuses": [
                    {
                      "agent_id": {"value": "628984d0-4213-4140-bcb0-99d7ef46b1df-S0"},
                      "container_status": {"network_infos": [{"ip_addresses": [{"ip_address": "127.0.1.1"}]}]},
                      "executor_id": {"value": "default"},
                      "source": "SOURCE_EXECUTOR",
                      "state": "TASK_RUNNING",
                      "task_id": {"value": "eb5cb680-a998-4605-8811-e79db8734c02"},
                      "timestamp": 1470820172.07315,
                      "uuid": "hTaLQ0b5Q1OZuab7QclTKQ=="
                    },
                    {
                      "agent_id": {"value": "628984d0-4213-4140-bcb0-99d7ef46b1df-S0"},
                      "container_status": {"network_infos": [{"ip_addresses": [{"ip_address": "127.0.1.1"}]}]},
                      "executor_id": {"value": "default"},
                      "source": "SOURCE_EXECUTOR",
                      "state": "TASK_FINISHED",
                      "task_id": {"value": "eb5cb680-a998-4605-8811-e79db8734c02"},
                      "timestamp": 1470820172.09382,
                      "uuid": "IWjmPnfgQCWxGVlNNwctcg=="
                    }
                  ],
                  "task_id": {"value": "eb5cb680-a998-4605-8811-e79db8734c02"}
                }
              ]
            }
          }
        }
        """
}
