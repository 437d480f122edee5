import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// The operator SUBSCRIBE stream: each ClusterEvent Mesos has an event for is written in
/// master.proto's shape and reads back as itself (less what the event does not carry);
/// Mesos's documented events read.
@Suite struct OperatorEventTests {
    let snapshot = OperatorFixtures.small
    let master = OperatorFixtures.master
    static let readAt = Time(seconds: 1_700_000_300)

    func encoded(_ event: ClusterEvent, previous: ClusterSnapshot? = nil) -> String? {
        OperatorJSON.event(event, master: master, previous: previous)?.text
    }

    func decoded(_ json: String) throws -> OperatorEvent {
        try OperatorEvent(operatorJSON: MesosJSON.parse(json), receivedAt: Self.readAt, masterInfo: OperatorFixtures.masterInfo)
    }

    func decoded(_ json: [UInt8]) throws -> OperatorEvent {
        try OperatorEvent(operatorJSON: MesosJSON.parse(json), receivedAt: Self.readAt, masterInfo: OperatorFixtures.masterInfo)
    }

    // MARK: Writing

    @Test func taskEvents() throws {
        let task = snapshot.tasks[0]
        #expect(encoded(.taskAdded(task)) == #"{"type":"TASK_ADDED","task_added":{"task":\#(OperatorResponseTests.runningTask)}}"#)
        let status = TaskStatus(taskID: "T1", state: .killed, source: .master, reason: .frameworkRemoved, timestamp: Time(seconds: 1_700_000_060))
        #expect(
            encoded(.taskUpdated(TaskKey("F1", "T1"), status: status)) == """
                {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"F1"},"status":{"task_id":{"value":"T1"},\
                "state":"TASK_KILLED","source":"SOURCE_MASTER","reason":"REASON_FRAMEWORK_REMOVED","timestamp":1700000060.0},\
                "state":"TASK_KILLED"}}
                """)
    }

    @Test func agentEvents() {
        let agent = snapshot.agents[0]
        let added = #"{"type":"AGENT_ADDED","agent_added":{"agent":\#(OperatorResponseTests.agent)}}"#
        #expect(encoded(.agentAdded(agent)) == added)
        // Mesos has no AGENT_UPDATED: a re-registered agent is announced as added again.
        #expect(encoded(.agentUpdated(agent)) == added)
        #expect(
            encoded(.agentRemoved("S1", reason: "disconnected"))
                == #"{"type":"AGENT_REMOVED","agent_removed":{"agent_id":{"value":"S1"}}}"#)
    }

    @Test func frameworkEvents() {
        // The event carries no offers.
        let framework = "{\(OperatorResponseTests.frameworkHead),\(OperatorResponseTests.frameworkResources)}"
        #expect(encoded(.frameworkAdded(snapshot.frameworks[0])) == #"{"type":"FRAMEWORK_ADDED","framework_added":{"framework":\#(framework)}}"#)
        #expect(
            encoded(.frameworkUpdated(snapshot.frameworks[0]))
                == #"{"type":"FRAMEWORK_UPDATED","framework_updated":{"framework":\#(framework)}}"#)
    }

    @Test func frameworkRemovedTakesTheInfoFromThePreviousSnapshot() {
        #expect(
            encoded(.frameworkRemoved("F1", name: "marathon"), previous: snapshot) == """
                {"type":"FRAMEWORK_REMOVED","framework_removed":{"framework_info":{"user":"root","name":"marathon",\
                "id":{"value":"F1"},"failover_timeout":0.0,"checkpoint":false,"roles":["web"],"hostname":"h1",\
                "capabilities":[{"type":"MULTI_ROLE"},{"type":"TASK_KILLING_STATE"},{"type":"PARTITION_AWARE"}]}}}
                """)
        // Without it, the ID and name are all there is.
        #expect(
            encoded(.frameworkRemoved("F7", name: "gone")) == """
                {"type":"FRAMEWORK_REMOVED","framework_removed":{"framework_info":{"user":"","name":"gone",\
                "id":{"value":"F7"},"failover_timeout":0.0,"checkpoint":false}}}
                """)
    }

    @Test func offersAndUsageHaveNoOperatorEvent() {
        let offer = snapshot.offers[0].offer
        let events: [ClusterEvent] = [
            .offerMade(offer), .offerAccepted("O1", frameworkID: "F1", agentID: "S1"),
            .offerDeclined("O1", frameworkID: "F1", agentID: "S1"),
            .offerRescinded("O1", frameworkID: "F1", agentID: "S1", reason: "timeout"),
            .usageSampled(AgentUsage(agentID: "S1", total: ResourceUsage(), tasks: [:])),
        ]
        for event in events { #expect(encoded(event) == nil) }
        var writer = MesosJSONWriter()
        #expect(!OperatorJSON.writeEvent(.offerMade(offer), master: master, into: &writer))
        #expect(writer.bytes.isEmpty)
    }

    @Test func subscribedAndHeartbeat() throws {
        let json = OperatorJSON.subscribed(snapshot, master: master, heartbeatIntervalSeconds: 15)
        let state = OperatorJSON.response(to: .getState, snapshot: snapshot, master: master)!.text
        let body = state.dropFirst(#"{"type":"GET_STATE","get_state":"#.count).dropLast()
        #expect(json.text == #"{"type":"SUBSCRIBED","subscribed":{"get_state":\#(body),"heartbeat_interval_seconds":15.0}}"#)
        #expect(OperatorJSON.heartbeat().text == #"{"type":"HEARTBEAT"}"#)
    }

    // MARK: Reading

    @Test func everyWrittenEventReadsBack() throws {
        let task = snapshot.tasks[0]
        let agent = snapshot.agents[0]
        let framework = snapshot.frameworks[0]
        let status = TaskStatus(taskID: "T1", state: .finished, source: .executor, agentID: "S1", timestamp: Time(seconds: 1_700_000_070), uuid: Array(0..<16))
        // What the events do not carry reads as nothing: task counts, usage, shares, offers.
        var agentAsRead = agent
        agentAsRead.taskCount = 0
        var frameworkAsRead = framework
        frameworkAsRead.taskCount = 0
        frameworkAsRead.offerCount = 0
        let cases: [(ClusterEvent, ClusterEvent)] = [
            (.taskAdded(task), .taskAdded(task)),
            (.taskUpdated(TaskKey("F1", "T1"), status: status), .taskUpdated(TaskKey("F1", "T1"), status: status)),
            (.agentAdded(agent), .agentAdded(agentAsRead)),
            (.agentUpdated(agent), .agentAdded(agentAsRead)),
            (.agentRemoved("S1", reason: "disconnected"), .agentRemoved("S1", reason: "removed")),
            (.frameworkAdded(framework), .frameworkAdded(frameworkAsRead)),
            (.frameworkUpdated(framework), .frameworkUpdated(frameworkAsRead)),
            (.frameworkRemoved("F1", name: "marathon"), .frameworkRemoved("F1", name: "marathon")),
        ]
        for (written, read) in cases {
            let json = try #require(OperatorJSON.event(written, master: master, previous: snapshot))
            #expect(try decoded(json) == .event(read))
        }
        #expect(try decoded(OperatorJSON.heartbeat()) == .heartbeat)
    }

    @Test func subscribedReadsAsTheState() throws {
        let json = OperatorJSON.subscribed(snapshot, master: master, heartbeatIntervalSeconds: 15)
        var expected = snapshot
        expected.time = Self.readAt
        expected.startedAt = .zero
        expected.roles = []
        expected.offers = snapshot.offers.map { OfferSnapshot(offer: $0.offer, createdAt: Self.readAt) }
        #expect(try decoded(json) == .subscribed(expected, heartbeatIntervalSeconds: 15))
        #expect(
            try decoded(#"{"type":"SUBSCRIBED","subscribed":{"get_state":{}}}"#)
                == .subscribed(ClusterSnapshot(time: Self.readAt, startedAt: .zero, masterInfo: OperatorFixtures.masterInfo), heartbeatIntervalSeconds: nil))
    }

    @Test func unknownTypesAreSkippableAndErrorsNameTheirPath() throws {
        #expect(try decoded(#"{"type":"OPERATION_UPDATED","operation_updated":{}}"#) == .unrecognized(type: "OPERATION_UPDATED"))
        #expect(throws: MesosJSONError(path: [.key("task_added")], problem: "missing required field")) {
            try decoded(#"{"type":"TASK_ADDED"}"#)
        }
        #expect(throws: MesosJSONError(path: [.key("subscribed"), .key("get_state"), .key("get_tasks"), .key("tasks"), .index(0), .key("task_id")], problem: "missing required field")) {
            try decoded(#"{"type":"SUBSCRIBED","subscribed":{"get_state":{"get_tasks":{"tasks":[{}]}}}}"#)
        }
    }

    // MARK: Mesos's documented events (docs/operator-http-api.md, retyped; the docs' trailing
    // commas, which are not JSON, left out)

    @Test func mesosTaskAddedExample() throws {
        // The docs' task has no framework or state: they read as empty and STAGING.
        let json = """
            {
              "type": "TASK_ADDED",
              "task_added": {
                "task": {
                  "name": "dummy-task",
                  "task_id": {"value": "d40f3f3e-bbe3-44af-a230-4cb1eae72f67"},
                  "agent_id": {"value": "f1c9cdc5-195e-41a7-a0d7-adaa9af07f81"},
                  "command": {"value": "sleep", "arguments": ["100"]}
                }
              }
            }
            """
        let expected = TaskRecord(
            id: "d40f3f3e-bbe3-44af-a230-4cb1eae72f67", name: "dummy-task", frameworkID: "",
            agentID: "f1c9cdc5-195e-41a7-a0d7-adaa9af07f81", role: "*", resources: Resources(),
            command: CommandInfo(value: "sleep", arguments: ["100"]), state: .staging, launchedAt: .zero)
        #expect(try decoded(json) == .event(.taskAdded(expected)))
    }

    @Test func mesosTaskUpdatedExample() throws {
        // The docs put the task's IDs and state in the body, with no `status`.
        let json = """
            {
              "type": "TASK_UPDATED",
              "task_updated": {
                "task_id": {"value": "42154f1b-adcd-4421-bf13-8bd11adfafaf"},
                "framework_id": {"value": "49154f1b-8cf6-4421-bf13-8bd11dccd1f1"},
                "agent_id": {"value": "2915adf-8aff-4421-bf13-afdafaf1f1"},
                "executor_id": {"value": "adfaf-adff-2421-bf13-adf23tafa21"},
                "state" : "TASK_RUNNING"
              }
            }
            """
        let status = TaskStatus(
            taskID: "42154f1b-adcd-4421-bf13-8bd11adfafaf", state: .running, agentID: "2915adf-8aff-4421-bf13-afdafaf1f1",
            executorID: "adfaf-adff-2421-bf13-adf23tafa21")
        #expect(try decoded(json) == .event(.taskUpdated(TaskKey("49154f1b-8cf6-4421-bf13-8bd11dccd1f1", status.taskID), status: status)))
    }

    @Test func mesosFrameworkExamples() throws {
        let framework = """
            {
              "active": true,
              "allocated_resources": [],
              "connected": true,
              "framework_info": {
                "capabilities": [{"type": "RESERVATION_REFINEMENT"}],
                "checkpoint": true,
                "failover_timeout": 0,
                "id": {"value": "a9ba2984-99c4-4183-8cd1-f7313426e21c-0147"},
                "name": "inverse-offer-example-framework",
                "role": "*",
                "user": "root"
              },
              "inverse_offers": [],
              "recovered": false,
              "registered_time": {"nanoseconds": 1501191957829317120},
              "reregistered_time": {"nanoseconds": 1501191957829317120}
            }
            """
        guard case .event(.frameworkAdded(let added)) = try decoded(#"{"type":"FRAMEWORK_ADDED","framework_added":{"framework":\#(framework)}}"#) else {
            Issue.record("not FRAMEWORK_ADDED")
            return
        }
        #expect(added.id == "a9ba2984-99c4-4183-8cd1-f7313426e21c-0147")
        #expect(added.info.name == "inverse-offer-example-framework")
        #expect(added.info.checkpoint)
        #expect(added.info.roles == ["*"])
        #expect(added.info.capabilities == ["RESERVATION_REFINEMENT"])
        #expect(added.active && added.connected && added.used.isEmpty)
        guard case .event(.frameworkUpdated(let updated)) = try decoded(#"{"type":"FRAMEWORK_UPDATED","framework_updated":{"framework":\#(framework)}}"#) else {
            Issue.record("not FRAMEWORK_UPDATED")
            return
        }
        #expect(updated == added)
        let removed = """
            {
              "type": "FRAMEWORK_REMOVED",
              "framework_removed": {
                "framework_info": {
                  "capabilities": [{"type": "RESERVATION_REFINEMENT"}],
                  "checkpoint": true,
                  "failover_timeout": 0,
                  "id": {"value": "a9ba2984-99c4-4183-8cd1-f7313426e21c-0147"},
                  "name": "inverse-offer-example-framework",
                  "role": "*",
                  "user": "root"
                }
              }
            }
            """
        #expect(
            try decoded(removed)
                == .event(.frameworkRemoved("a9ba2984-99c4-4183-8cd1-f7313426e21c-0147", name: "inverse-offer-example-framework")))
    }

    @Test func mesosAgentExamples() throws {
        let added = """
            {
              "type": "AGENT_ADDED",
              "agent_added": {
                "agent": {
                  "active": true,
                  "agent_info": {
                    "hostname": "172.31.2.24",
                    "id": {"value": "c3946a13-75b4-4d3c-9d0e-fc10038dca85-S3"},
                    "port": 5051,
                    "resources": []
                  },
                  "allocated_resources": [],
                  "capabilities": [{"type": "MULTI_ROLE"}, {"type": "HIERARCHICAL_ROLE"}, {"type": "RESERVATION_REFINEMENT"}],
                  "offered_resources": [],
                  "pid": "slave(1)@172.31.2.24:5051",
                  "registered_time": {"nanoseconds": 1500993262264135000},
                  "reregistered_time": {"nanoseconds": 1500993263019321000},
                  "total_resources": [],
                  "version": "1.4.0"
                }
              }
            }
            """
        let id = AgentID("c3946a13-75b4-4d3c-9d0e-fc10038dca85-S3")
        guard case .event(.agentAdded(let agent)) = try decoded(added) else {
            Issue.record("not AGENT_ADDED")
            return
        }
        #expect(agent.id == id)
        #expect(agent.info == AgentInfo(id: id, hostname: "172.31.2.24", port: 5051, resources: Resources()))
        #expect(agent.active && agent.total.isEmpty)
        #expect(abs(agent.registeredAt.seconds - 1_500_993_262.264_135) < 1e-6)
        let removed = #"{"type": "AGENT_REMOVED", "agent_removed": {"agent_id": {"value": "c3946a13-75b4-4d3c-9d0e-fc10038dca85-S3"}}}"#
        #expect(try decoded(removed) == .event(.agentRemoved(id, reason: "removed")))
        #expect(try decoded(#"{"type": "HEARTBEAT"}"#) == .heartbeat)
    }
}
