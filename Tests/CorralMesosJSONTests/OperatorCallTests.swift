import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// Operator calls as `POST /api/v1` receives them: every supported type reads, anything else
/// fails with the message the HTTP layer answers 400 with.
@Suite struct OperatorCallTests {
    @Test func everyBodilessTypeReads() throws {
        for name in OperatorCall.supportedTypeNames where !["UPDATE_WEIGHTS", "UPDATE_QUOTA", "TEARDOWN", "MARK_AGENT_GONE", "KILL_TASK"].contains(name) {
            let call = try MesosJSON.decode(OperatorCall.self, from: #"{"type":"\#(name)"}"#)
            #expect(call.typeName == name)
            #expect(try roundTripped(call) == call)
        }
        #expect(try MesosJSON.decode(OperatorCall.self, from: #"{"type":"GET_STATE"}"#) == .getState)
        #expect(try MesosJSON.decode(OperatorCall.self, from: #"{"type":"SUBSCRIBE"}"#).isStreaming)
    }

    @Test func markAgentGoneNamesItsAgent() throws {
        let call = try MesosJSON.decode(OperatorCall.self, from: #"{"type":"MARK_AGENT_GONE","mark_agent_gone":{"agent_id":{"value":"S7"}}}"#)
        #expect(call == .markAgentGone("S7"))
        #expect(try roundTripped(call) == call)
        #expect(decodingError(OperatorCall.self, #"{"type":"MARK_AGENT_GONE"}"#) == "mark_agent_gone: missing required field")
        #expect(decodingError(OperatorCall.self, #"{"type":"MARK_AGENT_GONE","mark_agent_gone":{}}"#) == "mark_agent_gone.agent_id: missing required field")
    }

    @Test func killTaskNamesItsFrameworkAndTask() throws {
        let call = try MesosJSON.decode(OperatorCall.self, from: #"{"type":"KILL_TASK","kill_task":{"framework_id":{"value":"F1"},"task_id":{"value":"web 1"}}}"#)
        #expect(call == .killTask(TaskKey("F1", "web 1")))
        #expect(try roundTripped(call) == call)
        #expect(decodingError(OperatorCall.self, #"{"type":"KILL_TASK"}"#) == "kill_task: missing required field")
        #expect(decodingError(OperatorCall.self, #"{"type":"KILL_TASK","kill_task":{"task_id":{"value":"t"}}}"#) == "kill_task.framework_id: missing required field")
        #expect(decodingError(OperatorCall.self, #"{"type":"KILL_TASK","kill_task":{"framework_id":{"value":"F1"}}}"#) == "kill_task.task_id: missing required field")
    }

    @Test func bodiesAndUnknownFieldsAreIgnored() throws {
        let json = #"{"type":"GET_METRICS","get_metrics":{"timeout":{"nanoseconds":5000000000}},"extra":1}"#
        #expect(try MesosJSON.decode(OperatorCall.self, from: json) == .getMetrics)
    }

    @Test func unknownTypeNamesItAndListsTheSupportedOnes() {
        let supported = "GET_HEALTH, GET_FLAGS, GET_VERSION, GET_METRICS, GET_STATE, GET_AGENTS, GET_FRAMEWORKS, "
            + "GET_EXECUTORS, GET_OPERATIONS, GET_TASKS, GET_ROLES, GET_WEIGHTS, UPDATE_WEIGHTS, GET_MASTER, SUBSCRIBE, UPDATE_QUOTA, TEARDOWN, MARK_AGENT_GONE, KILL_TASK"
        #expect(
            decodingError(OperatorCall.self, #"{"type":"GET_BANANAS"}"#)
                == #"type: unsupported operator call type "GET_BANANAS"; supported types: "# + supported)
        // A real Mesos call Corral does not implement reads the same way.
        #expect(
            decodingError(OperatorCall.self, #"{"type":"RESERVE_RESOURCES","reserve_resources":{}}"#)
                == #"type: unsupported operator call type "RESERVE_RESOURCES"; supported types: "# + supported)
        #expect(decodingError(OperatorCall.self, #"{}"#) == "type: missing required field")
        #expect(decodingError(OperatorCall.self, #"{"type":7}"#) == "type: expected a string, got 7")
        #expect(decodingError(OperatorCall.self, #"[]"#) == "expected an object, got an array")
    }

    @Test func updateQuotaReadsGuaranteesAndLimitsAndRefusesBadAmounts() throws {
        let json = #"{"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[{"role":"dev","guarantees":{"cpus":{"value":1.5}},"limits":{"cpus":{"value":4},"mem":{"value":2048}}},{"role":"old"}]}}"#
        let call = try MesosJSON.decode(OperatorCall.self, from: json)
        #expect(call == .updateQuota([QuotaConfig(role: "dev", guarantees: ["cpus": 1.5], limits: ["cpus": 4, "mem": 2048]), QuotaConfig(role: "old")]))
        #expect(try roundTripped(call) == call)
        let negative = #"{"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[{"role":"dev","limits":{"cpus":{"value":-1}}}]}}"#
        #expect(decodingError(OperatorCall.self, negative) == "update_quota.quota_configs[0].limits.cpus.value: expected an amount from 0 to 1e15, got -1.0")
        for bad in [#""NaN""#, #""Infinity""#, "1e300", #""lots""#, "{}"] {
            let json = #"{"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[{"role":"dev","guarantees":{"mem":{"value":\#(bad)}}}]}}"#
            let error = decodingError(OperatorCall.self, json)
            #expect(error?.hasPrefix("update_quota.quota_configs[0].guarantees.mem") == true, "\(bad): \(error ?? "accepted")")
        }
        let badRole = #"{"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[{"role":"a/b"}]}}"#
        #expect(decodingError(OperatorCall.self, badRole)?.contains("must not contain '/'") == true)
    }

    @Test func updateWeightsAndTeardownCarryTheirBodies() throws {
        let weights = OperatorCall.updateWeights([RoleWeight(role: "web", weight: 2.5), RoleWeight(role: "batch", weight: 1)])
        #expect(
            MesosJSON.encodeString(weights)
                == #"{"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"weight":2.5,"role":"web"},{"weight":1.0,"role":"batch"}]}}"#)
        #expect(try roundTripped(weights) == weights)
        let teardown = OperatorCall.teardown("F1")
        #expect(MesosJSON.encodeString(teardown) == #"{"type":"TEARDOWN","teardown":{"framework_id":{"value":"F1"}}}"#)
        #expect(try roundTripped(teardown) == teardown)
        #expect(decodingError(OperatorCall.self, #"{"type":"TEARDOWN"}"#) == "teardown: missing required field")
        #expect(
            decodingError(OperatorCall.self, #"{"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"weight":2}]}}"#)
                == "update_weights.weight_infos[0].role: missing required field")
    }

    @Test func callsWithoutABodyHaveNoResponse() {
        let snapshot = OperatorFixtures.small
        for call in [OperatorCall.subscribe, .teardown("F1"), .updateWeights([])] {
            #expect(OperatorJSON.response(to: call, snapshot: snapshot, master: OperatorFixtures.master) == nil)
        }
    }
}
