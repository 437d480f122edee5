import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// Scheduler events: the examples of Mesos's docs/scheduler-http-api.md read as the events they
/// mean, and every event Corral writes has the wire shape and reads back as itself.
@Suite struct MesosJSONEventTests {
    // MARK: Mesos's documented examples

    @Test func subscribedExample() throws {
        let json = """
            {
             "type"\t\t\t: "SUBSCRIBED",
             "subscribed"\t: {
                 "framework_id"               : {"value":"12220-3440-12532-2345"},
                 "heartbeat_interval_seconds" : 15
              }
            }
            """
        let event = try MesosJSON.decode(SchedulerEvent.self, from: json)
        #expect(event == .subscribed(frameworkID: "12220-3440-12532-2345", heartbeatIntervalSeconds: 15, masterInfo: nil))
        #expect(try roundTripped(event) == event)
    }

    @Test func offersExample() throws {
        // The docs put the offer list straight under `offers`; scheduler.proto nests it in an
        // `Offers` message. Both read.
        let json = """
            {
              "type"\t: "OFFERS",
              "offers"\t: [
                {
                  "allocation_info": { "role": "engineering" },
                  "id"             : {"value": "12214-23523-O235235"},
                  "framework_id"   : {"value": "12124-235325-32425"},
                  "agent_id"       : {"value": "12325-23523-S23523"},
                  "hostname"       : "agent.host",
                  "resources"      : [
                                      {
                                       "allocation_info": { "role": "engineering" },
                                       "name"   : "cpus",
                                       "type"   : "SCALAR",
                                       "scalar" : {"value" : 2},
                                       "role"   : "*"
                                      }
                                     ],
                  "attributes"     : [
                                      {
                                       "name"   : "os",
                                       "type"   : "TEXT",
                                       "text"   : {"value" : "ubuntu16.04"}
                                      }
                                     ],
                  "executor_ids"   : [
                                      {"value" : "12214-23523-my-executor"}
                                     ]
                }
              ]
            }
            """
        let event = try MesosJSON.decode(SchedulerEvent.self, from: json)
        let offer = Offer(
            id: "12214-23523-O235235", frameworkID: "12124-235325-32425", agentID: "12325-23523-S23523",
            hostname: "agent.host", role: "engineering",
            resources: Resources([Resource(name: "cpus", value: .scalar(2), allocationRole: "engineering")]),
            attributes: [Attribute(name: "os", value: .text("ubuntu16.04"))]
        )
        #expect(event == .offers([offer]))
        #expect(try roundTripped(event) == event)
        #expect(MesosJSON.encodeString(event).hasPrefix(#"{"type":"OFFERS","offers":{"offers":[{"id":"#))
    }

    @Test func rescindExample() throws {
        let json = """
            {
              "type"\t: "RESCIND",
              "rescind"\t: {
                "offer_id"\t: { "value" : "12214-23523-O235235"}
              }
            }
            """
        let event = try MesosJSON.decode(SchedulerEvent.self, from: json)
        #expect(event == .rescind("12214-23523-O235235"))
        #expect(MesosJSON.encodeString(event) == #"{"type":"RESCIND","rescind":{"offer_id":{"value":"12214-23523-O235235"}}}"#)
    }

    @Test func updateExample() throws {
        let json = """
            {
              "type"\t: "UPDATE",
              "update"\t: {
                "status"\t: {
                    "task_id"\t: { "value" : "12344-my-task"},
                    "state"\t\t: "TASK_RUNNING",
                    "source"\t: "SOURCE_EXECUTOR",
                    "uuid"\t\t: "adfadfadbhgvjayd23r2uahj",
                    "bytes"\t\t: "uhdjfhuagdj63d7hadkf"
                  }
              }
            }
            """
        let event = try MesosJSON.decode(SchedulerEvent.self, from: json)
        guard case .update(let status) = event else {
            Issue.record("not an UPDATE: \(event)")
            return
        }
        #expect(status.taskID == "12344-my-task")
        #expect(status.state == .running)
        #expect(status.source == .executor)
        #expect(status.uuid == Base64.decode("adfadfadbhgvjayd23r2uahj"))
        #expect(status.uuid?.count == 18)
        #expect(try roundTripped(event) == event)
    }

    @Test func messageExample() throws {
        let json = """
            {
              "type"\t: "MESSAGE",
              "message"\t: {
                "agent_id"\t\t: { "value" : "12214-23523-S235235"},
                "executor_id"\t: { "value" : "12214-23523-my-executor"},
                "data"\t\t\t: "adfadf3t2wa3353dfadf"
              }
            }
            """
        let event = try MesosJSON.decode(SchedulerEvent.self, from: json)
        #expect(
            event == .message(
                agentID: "12214-23523-S235235", executorID: "12214-23523-my-executor",
                data: Base64.decode("adfadf3t2wa3353dfadf")!
            )
        )
        #expect(try roundTripped(event) == event)
    }

    @Test func failureExample() throws {
        let json = """
            {
              "type"\t: "FAILURE",
              "failure"\t: {
                "agent_id"\t\t: { "value" : "12214-23523-S235235"},
                "executor_id"\t: { "value" : "12214-23523-my-executor"},
                "status"\t\t: 1
              }
            }
            """
        let event = try MesosJSON.decode(SchedulerEvent.self, from: json)
        #expect(event == .failure(agentID: "12214-23523-S235235", executorID: "12214-23523-my-executor", status: 1))
        #expect(try roundTripped(event) == event)
        let agentOnly = SchedulerEvent.failure(agentID: "S1", executorID: nil, status: nil)
        #expect(MesosJSON.encodeString(agentOnly) == #"{"type":"FAILURE","failure":{"agent_id":{"value":"S1"}}}"#)
    }

    @Test func errorExample() throws {
        // The docs show `message` on the event itself; scheduler.proto has `error.message`.
        let json = """
            {
              "type"\t: "ERROR",
              "message"\t: "Framework is not authorized"
            }
            """
        let event = try MesosJSON.decode(SchedulerEvent.self, from: json)
        #expect(event == .error("Framework is not authorized"))
        #expect(MesosJSON.encodeString(event) == #"{"type":"ERROR","error":{"message":"Framework is not authorized"}}"#)
        #expect(try roundTripped(event) == event)
    }

    @Test func heartbeatExample() throws {
        let event = try MesosJSON.decode(SchedulerEvent.self, from: #"{ "type"\#t: "HEARTBEAT" }"#)
        #expect(event == .heartbeat)
        #expect(MesosJSON.encodeString(event) == #"{"type":"HEARTBEAT"}"#)
    }

    // MARK: Corral's own events

    @Test func subscribedGoldenWithMasterInfo() {
        let event = SchedulerEvent.subscribed(
            frameworkID: "F1", heartbeatIntervalSeconds: 15,
            masterInfo: MasterInfo(id: "m1", ip: 16_777_343, port: 5050, hostname: "localhost", version: "1.11.0")
        )
        #expect(
            MesosJSON.encodeString(event) == """
                {"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"F1"},"heartbeat_interval_seconds":15.0,\
                "master_info":{"id":"m1","ip":16777343,"port":5050,"hostname":"localhost","version":"1.11.0"}}}
                """
        )
    }

    @Test func masterUpdatesCarryNoUUID() {
        let status = TaskStatus(taskID: "t1", state: .dropped, source: .master, reason: .invalidOffers, message: "bad offer")
        #expect(
            MesosJSON.encodeString(SchedulerEvent.update(status)) == """
                {"type":"UPDATE","update":{"status":{"task_id":{"value":"t1"},"state":"TASK_DROPPED",\
                "source":"SOURCE_MASTER","reason":"REASON_INVALID_OFFERS","message":"bad offer"}}}
                """
        )
    }

    @Test func everyEventRoundTripsAsOneASCIILine() throws {
        let offer = Offer(
            id: "O1", frameworkID: "F1", agentID: "S1", hostname: "höst", role: "*",
            resources: try Resources(parsing: "cpus:2;mem:1024;ports:[31000-31005]").allocated(to: "*")
        )
        let events: [SchedulerEvent] = [
            .subscribed(frameworkID: "F1", heartbeatIntervalSeconds: 0.5, masterInfo: nil),
            .offers([offer, offer]), .offers([]),
            .rescind("O1"),
            .update(TaskStatus(
                taskID: "t1", state: .running, source: .executor, agentID: "S1",
                timestamp: Time(seconds: 1_764_064_800.123), uuid: Array(repeating: 7, count: 16), healthy: true
            )),
            .message(agentID: "S1", executorID: "e1", data: [0, 255, 10]),
            .failure(agentID: nil, executorID: nil, status: -9),
            .error("framework \u{2603} failed over\nelsewhere"),
            .heartbeat,
        ]
        for event in events {
            #expect(try roundTripped(event) == event, "\(event.typeName)")
            let bytes = MesosJSON.encode(event)
            #expect(bytes.allSatisfy { $0 < 0x80 && $0 != 0x0A && $0 != 0x0D }, "\(event.typeName)")
        }
        #expect(MesosJSON.encodeString(SchedulerEvent.offers([])) == #"{"type":"OFFERS","offers":{}}"#)
    }

    @Test func eventErrors() {
        #expect(decodingError(SchedulerEvent.self, #"{"type":"UPDATE"}"#) == "update: missing required field")
        #expect(decodingError(SchedulerEvent.self, #"{"type":"UPDATE","update":{"status":{"state":"TASK_RUNNING"}}}"#)
            == "update.status.task_id: missing required field")
        #expect(decodingError(SchedulerEvent.self, #"{"type":"OFFERS","offers":{"offers":[{"id":{"value":"o"}}]}}"#)
            == "offers.offers[0].framework_id: missing required field")
        #expect(decodingError(SchedulerEvent.self, #"{"type":"INVERSE_OFFERS"}"#) == #"type: unsupported event type "INVERSE_OFFERS""#)
        #expect(decodingError(SchedulerEvent.self, #"{"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"F"},"heartbeat_interval_seconds":"soon"}}"#)
            == #"subscribed.heartbeat_interval_seconds: expected a number, got "soon""#)
    }
}
