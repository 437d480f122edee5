import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// Scheduler calls: the examples of Mesos's docs/scheduler-http-api.md read as the calls they
/// mean, and every call Corral writes reads back as itself.
@Suite struct MesosJSONCallTests {
    // MARK: Mesos's documented examples

    @Test func subscribeExample() throws {
        let json = """
            {
               "type"\t\t: "SUBSCRIBE",
               "subscribe"\t: {
                  "framework_info"\t: {
                    "user" :  "foo",
                    "name" :  "Example HTTP Framework",
                    "roles": ["test1", "test2"],
                    "capabilities" : [{"type": "MULTI_ROLE"}]
                  },
                  "suppressed_roles" : ["test2"],
                  "offer_constraints" : {
                    "role_constraints": {
                      "test1": {
                        "groups": [{
                          "attribute_constraints": [{
                            "selector": {"attribute_name": "foo"},
                            "predicate": {"exists": {}}
                          }]
                        }]
                      }
                    }
                  }
               }
            }
            """
        let call = try MesosJSON.decode(SchedulerCallMessage.self, from: json)
        let info = FrameworkInfo(user: "foo", name: "Example HTTP Framework", roles: ["test1", "test2"], capabilities: [.multiRole])
        #expect(call == .subscribe(info, suppressedRoles: ["test2"]))
        #expect(call.frameworkID == nil)
        #expect(try roundTripped(call) == call)
    }

    @Test func acceptExample() throws {
        let json = """
            {
              "framework_id": {"value": "12220-3440-12532-2345"},
              "type": "ACCEPT",
              "accept": {
                "offer_ids": [
                  {"value": "12220-3440-12532-O12"}
                ],
                "operations": [
                  {
                    "type": "LAUNCH",
                    "launch": {
                      "task_infos": [
                        {
                          "name": "My Task",
                          "task_id": {"value": "12220-3440-12532-my-task"},
                          "agent_id": {"value": "12220-3440-12532-S1233"},
                          "executor": {
                            "command": {
                              "shell": true,
                              "value": "sleep 1000"
                            },
                            "executor_id": {"value": "12214-23523-my-executor"}
                          },
                          "resources": [
                            {
                              "allocation_info": {"role": "engineering"},
                              "name": "cpus",
                              "role": "*",
                              "type": "SCALAR",
                              "scalar": {"value": 1.0}
            \t\t\t        }, {
                              "allocation_info": {"role": "engineering"},
                              "name": "mem",
                              "role": "*",
                              "type": "SCALAR",
                              "scalar": {"value": 128.0}
            \t\t\t        }
                          ],
                          "limits": {
                            "cpus": "Infinity",
                            "mem": 512.0
                          }
                        }
                      ]
                    }
                  }
                ],
                "filters": {"refuse_seconds": 5.0}
              }
            }
            """
        let call = try MesosJSON.decode(SchedulerCallMessage.self, from: json)
        let resources = Resources([
            Resource(name: "cpus", value: .scalar(1), allocationRole: "engineering"),
            Resource(name: "mem", value: .scalar(128), allocationRole: "engineering"),
        ])
        let task = TaskInfo(
            name: "My Task", taskID: "12220-3440-12532-my-task", agentID: "12220-3440-12532-S1233",
            resources: resources,
            executor: ExecutorInfo(
                executorID: "12214-23523-my-executor", kind: nil, command: CommandInfo(shell: true, value: "sleep 1000")
            )
        )
        #expect(
            call == SchedulerCallMessage(
                frameworkID: "12220-3440-12532-2345",
                call: .accept(offerIDs: ["12220-3440-12532-O12"], operations: [.launch([task])], filters: Filters(refuseSeconds: 5))
            )
        )
        #expect(try roundTripped(call) == call)
    }

    @Test func mesoshttpAcceptWithSlaveIDAndNoFilters() throws {
        let json = """
            {"framework_id": {"value": "F"}, "type": "ACCEPT", "accept": {"offer_ids": [{"value": "O"}],
             "operations": [{"type": "LAUNCH", "launch": {"task_infos": [{"name": "t", "task_id": {"value": "t1"},
             "slave_id": {"value": "S"}, "command": {"value": "true"}, "resources": [
             {"name": "cpus", "type": "SCALAR", "scalar": {"value": "0.1"}}]}]}}]}}
            """
        let call = try MesosJSON.decode(SchedulerCallMessage.self, from: json)
        guard case .call(.accept(_, let operations, let filters)) = call.body, case .launch(let tasks) = operations.first else {
            Issue.record("not an ACCEPT with a LAUNCH: \(call)")
            return
        }
        #expect(tasks.first?.agentID == "S")
        #expect(tasks.first?.resources.cpus == 0.1)
        #expect(filters == .default)
    }

    @Test func declineExample() throws {
        let json = """
            {
              "framework_id"\t: {"value" : "12220-3440-12532-2345"},
              "type"\t\t\t: "DECLINE",
              "decline"\t\t\t: {
                "offer_ids"\t: [
                               {"value" : "12220-3440-12532-O12"},
                               {"value" : "12220-3440-12532-O13"}
                              ],
                "filters"\t: {"refuse_seconds" : 5.0}
              }
            }
            """
        let call = try MesosJSON.decode(SchedulerCallMessage.self, from: json)
        #expect(
            call == SchedulerCallMessage(
                frameworkID: "12220-3440-12532-2345",
                call: .decline(offerIDs: ["12220-3440-12532-O12", "12220-3440-12532-O13"], filters: Filters(refuseSeconds: 5))
            )
        )
        #expect(try roundTripped(call) == call)
    }

    @Test func reviveAndSuppressExamples() throws {
        // The docs' REVIVE sends a singular `role`, which scheduler.proto does not have: like
        // Mesos, Corral ignores it, and the call revives every role.
        let revive = try MesosJSON.decode(SchedulerCallMessage.self, from: """
            {"framework_id" : {"value" : "12220-3440-12532-2345"}, "type" : "REVIVE", "revive" : {"role": "test1"}}
            """)
        #expect(revive == SchedulerCallMessage(frameworkID: "12220-3440-12532-2345", call: .revive(roles: [])))
        let suppress = try MesosJSON.decode(SchedulerCallMessage.self, from: """
            {"framework_id" : {"value" : "12220-3440-12532-2345"}, "type" : "SUPPRESS", "suppress" : {"roles": ["test2"]}}
            """)
        #expect(suppress == SchedulerCallMessage(frameworkID: "12220-3440-12532-2345", call: .suppress(roles: ["test2"])))
        let bare = try MesosJSON.decode(SchedulerCallMessage.self, from: #"{"framework_id":{"value":"F"},"type":"REVIVE"}"#)
        #expect(bare.body == .call(.revive(roles: [])))
    }

    @Test func killExample() throws {
        let json = """
            {
              "framework_id"\t: {"value" : "12220-3440-12532-2345"},
              "type"\t\t\t: "KILL",
              "kill"\t\t\t: {
                "task_id"\t:  {"value" : "12220-3440-12532-my-task"},
                "agent_id"\t:  {"value" : "12220-3440-12532-S1233"}
              }
            }
            """
        let call = try MesosJSON.decode(SchedulerCallMessage.self, from: json)
        #expect(
            call == SchedulerCallMessage(
                frameworkID: "12220-3440-12532-2345",
                call: .kill(taskID: "12220-3440-12532-my-task", agentID: "12220-3440-12532-S1233", killPolicy: nil)
            )
        )
        #expect(try roundTripped(call) == call)
    }

    @Test func shutdownExample() throws {
        let json = """
            {
              "framework_id"\t: {"value" : "12220-3440-12532-2345"},
              "type"\t\t\t: "SHUTDOWN",
              "shutdown"\t\t: {
                "executor_id"\t:  {"value" : "123450-2340-1232-my-executor"},
                "agent_id"\t\t:  {"value" : "12220-3440-12532-S1233"}
              }
            }
            """
        let call = try MesosJSON.decode(SchedulerCallMessage.self, from: json)
        #expect(call.body == .call(.shutdown(executorID: "123450-2340-1232-my-executor", agentID: "12220-3440-12532-S1233")))
        #expect(try roundTripped(call) == call)
    }

    @Test func acknowledgeExample() throws {
        let json = """
            {
              "framework_id"\t: {"value" : "12220-3440-12532-2345"},
              "type"\t\t\t: "ACKNOWLEDGE",
              "acknowledge"\t\t: {
                "agent_id"\t:  {"value" : "12220-3440-12532-S1233"},
                "task_id"\t:  {"value" : "12220-3440-12532-my-task"},
                "uuid"\t\t:  "jhadf73jhakdlfha723adf"
              }
            }
            """
        let call = try MesosJSON.decode(SchedulerCallMessage.self, from: json)
        guard case .call(.acknowledge(let agentID, let taskID, let uuid)) = call.body else {
            Issue.record("not an ACKNOWLEDGE: \(call)")
            return
        }
        #expect(agentID == "12220-3440-12532-S1233")
        #expect(taskID == "12220-3440-12532-my-task")
        #expect(uuid.count == 16)
        #expect(try roundTripped(call) == call)
        #expect(
            decodingError(SchedulerCallMessage.self, #"{"type":"ACKNOWLEDGE","acknowledge":{"agent_id":{"value":"a"},"task_id":{"value":"t"},"uuid":"AAEC"}}"#)
                == "acknowledge.uuid: expected 16 bytes of UUID, got 3"
        )
        #expect(
            decodingError(SchedulerCallMessage.self, #"{"type":"ACKNOWLEDGE","acknowledge":{"agent_id":{"value":"a"},"task_id":{"value":"t"},"uuid":"!!"}}"#)
                == #"acknowledge.uuid: expected base64, got "!!""#
        )
    }

    @Test func reconcileExample() throws {
        let json = """
            {
              "framework_id"\t: {"value" : "12220-3440-12532-2345"},
              "type"\t\t\t: "RECONCILE",
              "reconcile"\t\t: {
                "tasks"\t\t: [
                               { "task_id"  : {"value" : "312325"},
                                 "agent_id" : {"value" : "123535"}
                               }
                              ]
              }
            }
            """
        let call = try MesosJSON.decode(SchedulerCallMessage.self, from: json)
        #expect(call.body == .call(.reconcile([ReconcileTask(taskID: "312325", agentID: "123535")])))
        #expect(try roundTripped(call) == call)
        let implicit = SchedulerCallMessage(frameworkID: "F", call: .reconcile([]))
        #expect(MesosJSON.encodeString(implicit) == #"{"type":"RECONCILE","framework_id":{"value":"F"},"reconcile":{}}"#)
        #expect(try roundTripped(implicit) == implicit)
    }

    @Test func messageExample() throws {
        let json = """
            {
              "framework_id"\t: {"value" : "12220-3440-12532-2345"},
              "type"\t\t\t: "MESSAGE",
              "message"\t\t\t: {
                "agent_id"       : {"value" : "12220-3440-12532-S1233"},
                "executor_id"    : {"value" : "my-framework-executor"},
                "data"           : "adaf838jahd748jnaldf"
              }
            }
            """
        let call = try MesosJSON.decode(SchedulerCallMessage.self, from: json)
        guard case .call(.message(let agentID, let executorID, let data)) = call.body else {
            Issue.record("not a MESSAGE: \(call)")
            return
        }
        #expect(agentID == "12220-3440-12532-S1233")
        #expect(executorID == "my-framework-executor")
        #expect(data.count == 15)
        #expect(try roundTripped(call) == call)
    }

    @Test func requestExampleWithRequestsOnTheCall() throws {
        let json = """
            {
              "framework_id"\t: {"value" : "12220-3440-12532-2345"},
              "type"\t\t\t: "REQUEST",
              "requests"\t\t: [
                  {
                     "agent_id"       : {"value" : "12220-3440-12532-S1233"},
                     "resources"      : {}
                  }
              ]
            }
            """
        let call = try MesosJSON.decode(SchedulerCallMessage.self, from: json)
        #expect(call.body == .call(.request([Resources()])))
        let proper = SchedulerCallMessage(frameworkID: "F", call: .request([try Resources(parsing: "cpus:1")]))
        #expect(
            MesosJSON.encodeString(proper) == """
                {"type":"REQUEST","framework_id":{"value":"F"},"request":{"requests":[\
                {"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1.0}}]}]}}
                """
        )
        #expect(try roundTripped(proper) == proper)
    }

    // MARK: Corral's own calls

    @Test func everyCallRoundTrips() throws {
        let task = TaskInfo(name: "t", taskID: "t1", agentID: "S1", resources: try Resources(parsing: "cpus:1"), command: .shell("true"))
        let calls: [SchedulerCallMessage] = [
            .subscribe(FrameworkInfo(name: "demo", id: "F1"), suppressedRoles: ["*"]),
            .subscribe(FrameworkInfo(name: "fresh")),
        ] + [
            SchedulerCall.teardown,
            .accept(offerIDs: ["O1", "O2"], operations: [.launch([task])], filters: Filters(refuseSeconds: 30)),
            .accept(offerIDs: ["O1"], operations: [], filters: .default),
            .decline(offerIDs: ["O3"], filters: Filters(refuseSeconds: 1e9)),
            .revive(roles: []), .revive(roles: ["web"]), .suppress(roles: []), .suppress(roles: ["a", "b"]),
            .kill(taskID: "t1", agentID: nil, killPolicy: nil),
            .kill(taskID: "t1", agentID: "S1", killPolicy: KillPolicy(gracePeriodSeconds: 10)),
            .shutdown(executorID: "e1", agentID: "S1"),
            .acknowledge(agentID: "S1", taskID: "t1", uuid: Array(repeating: 0xAB, count: 16)),
            .reconcile([]), .reconcile([ReconcileTask(taskID: "t1"), ReconcileTask(taskID: "t2", agentID: "S2")]),
            .message(agentID: "S1", executorID: "e1", data: Array("hello".utf8)),
            .request([]),
        ].map { SchedulerCallMessage(frameworkID: "F1", call: $0) }
        for call in calls {
            #expect(try roundTripped(call) == call, "\(call.typeName)")
            // Every call names its body after its type, lowercased.
            let encoded = MesosJSON.encodeString(call)
            #expect(encoded.hasPrefix(#"{"type":"\#(call.typeName)""#))
        }
    }

    @Test func callGoldens() {
        #expect(
            MesosJSON.encodeString(SchedulerCallMessage(frameworkID: "F1", call: .teardown))
                == #"{"type":"TEARDOWN","framework_id":{"value":"F1"}}"#
        )
        #expect(
            MesosJSON.encodeString(SchedulerCallMessage(frameworkID: "F1", call: .revive(roles: [])))
                == #"{"type":"REVIVE","framework_id":{"value":"F1"}}"#
        )
        #expect(
            MesosJSON.encodeString(SchedulerCallMessage(frameworkID: "F1", call: .decline(offerIDs: ["O1"], filters: .default)))
                == #"{"type":"DECLINE","framework_id":{"value":"F1"},"decline":{"offer_ids":[{"value":"O1"}],"filters":{"refuse_seconds":5.0}}}"#
        )
        #expect(
            MesosJSON.encodeString(
                SchedulerCallMessage(frameworkID: "F1", call: .acknowledge(agentID: "S1", taskID: "t1", uuid: Array(0..<16))))
                == """
                {"type":"ACKNOWLEDGE","framework_id":{"value":"F1"},"acknowledge":{"agent_id":{"value":"S1"},\
                "task_id":{"value":"t1"},"uuid":"AAECAwQFBgcICQoLDA0ODw=="}}
                """
        )
        #expect(
            MesosJSON.encodeString(SchedulerCallMessage.subscribe(FrameworkInfo(name: "n", id: "F1", capabilities: [])))
                == """
                {"type":"SUBSCRIBE","framework_id":{"value":"F1"},"subscribe":{"framework_info":{"user":"root","name":"n",\
                "id":{"value":"F1"},"failover_timeout":0.0,"checkpoint":false,"role":"*"}}}
                """
        )
    }

    @Test func callErrors() {
        #expect(decodingError(SchedulerCallMessage.self, #"{"framework_id":{"value":"F"}}"#) == "type: missing required field")
        #expect(decodingError(SchedulerCallMessage.self, #"{"type":"SUBSCRIBE"}"#) == "subscribe: missing required field")
        #expect(decodingError(SchedulerCallMessage.self, #"{"type":"SUBSCRIBE","subscribe":{}}"#)
            == "subscribe.framework_info: missing required field")
        #expect(decodingError(SchedulerCallMessage.self, #"{"type":"ACCEPT"}"#) == "accept: missing required field")
        #expect(decodingError(SchedulerCallMessage.self, #"{"type":"RECONCILE"}"#) == "reconcile: missing required field")
        #expect(decodingError(SchedulerCallMessage.self, #"{"type":"KILL","kill":{"task_id":"t1"}}"#)
            == #"kill.task_id: expected an object, got "t1""#)
        #expect(decodingError(SchedulerCallMessage.self, #"{"type":"DECLINE","decline":{"offer_ids":[{"value":"a"},{}]}}"#)
            == "decline.offer_ids[1].value: missing required field")
        #expect(decodingError(SchedulerCallMessage.self, #"{"type":"UPDATE_FRAMEWORK"}"#) == #"type: unsupported call type "UPDATE_FRAMEWORK""#)
        #expect(decodingError(SchedulerCallMessage.self, #"{"type":"DANCE"}"#) == #"type: unknown call type "DANCE""#)
        #expect(decodingError(SchedulerCallMessage.self, #"{"type":"SUBSCRIBE","framework_id":{"value":7}}"#)
            == "framework_id.value: expected a string, got 7")
    }
}
