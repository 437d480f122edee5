import CorralModel

/// A call to Mesos's operator API (`POST /api/v1`): `{"type": "GET_STATE"}`, per
/// include/mesos/v1/master/master.proto's `Call`.
///
/// Only the calls Corral answers are modelled. Any other type (an unknown one, or a Mesos call
/// Corral does not implement, such as RESERVE_RESOURCES) fails to decode with a message that
/// names it and lists the supported ones: the HTTP layer answers 400 with that message.
public enum OperatorCall: Hashable, Sendable {
    case getHealth
    case getFlags
    case getVersion
    case getMetrics
    case getState
    case getAgents
    case getFrameworks
    case getExecutors
    case getOperations
    case getTasks
    case getRoles
    case getWeights
    case getMaster
    /// The event stream: SUBSCRIBED with the state, then one event per change.
    case subscribe
    /// `update_weights.weight_infos`: new weights for roles.
    case updateWeights([RoleWeight])
    /// `update_quota.quota_configs`: guarantees and limits of roles (both empty: no quota).
    case updateQuota([QuotaConfig])
    /// `teardown.framework_id`: remove a framework and kill its tasks.
    case teardown(FrameworkID)
    /// `mark_agent_gone.agent_id`: the agent will never come back; its tasks are gone.
    case markAgentGone(AgentID)
    /// Corral's own call, which Mesos's operator API lacks: `kill_task.framework_id` and
    /// `kill_task.task_id`, killed as if its framework had asked. An Apache Mesos master
    /// refuses the type (400), which is how a client tells that it cannot kill by operator.
    case killTask(TaskKey)

    /// Mesos's name for the call, as `type` carries it.
    public var typeName: String {
        switch self {
        case .getHealth: "GET_HEALTH"
        case .getFlags: "GET_FLAGS"
        case .getVersion: "GET_VERSION"
        case .getMetrics: "GET_METRICS"
        case .getState: "GET_STATE"
        case .getAgents: "GET_AGENTS"
        case .getFrameworks: "GET_FRAMEWORKS"
        case .getExecutors: "GET_EXECUTORS"
        case .getOperations: "GET_OPERATIONS"
        case .getTasks: "GET_TASKS"
        case .getRoles: "GET_ROLES"
        case .getWeights: "GET_WEIGHTS"
        case .getMaster: "GET_MASTER"
        case .subscribe: "SUBSCRIBE"
        case .updateWeights: "UPDATE_WEIGHTS"
        case .updateQuota: "UPDATE_QUOTA"
        case .teardown: "TEARDOWN"
        case .markAgentGone: "MARK_AGENT_GONE"
        case .killTask: "KILL_TASK"
        }
    }

    /// Every type this side decodes, in master.proto's order: what the error message lists.
    public static let supportedTypeNames = [
        "GET_HEALTH", "GET_FLAGS", "GET_VERSION", "GET_METRICS", "GET_STATE", "GET_AGENTS", "GET_FRAMEWORKS",
        "GET_EXECUTORS", "GET_OPERATIONS", "GET_TASKS", "GET_ROLES", "GET_WEIGHTS", "UPDATE_WEIGHTS", "GET_MASTER",
        "SUBSCRIBE", "UPDATE_QUOTA", "TEARDOWN", "MARK_AGENT_GONE", "KILL_TASK",
    ]

    /// Whether the answer is a stream rather than one response.
    public var isStreaming: Bool { self == .subscribe }
}

/// One entry of UPDATE_QUOTA: Mesos's `QuotaConfig`, `{"role", "guarantees": {"cpus": {"value": 1}},
/// "limits": {…}}`. Amounts are checked where they enter: finite, 0 or more, a guarantee no
/// more than its limit.
public struct QuotaConfig: Hashable, Sendable {
    public var role: String
    public var guarantees: [String: Double]
    public var limits: [String: Double]

    public init(role: String, guarantees: [String: Double] = [:], limits: [String: Double] = [:]) {
        self.role = role
        self.guarantees = guarantees
        self.limits = limits
    }
}

extension QuotaConfig: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("role", role)
            for (key, amounts) in [("guarantees", guarantees), ("limits", limits)] where !amounts.isEmpty {
                writer.key(key)
                writer.writeObject { object in
                    for (name, value) in amounts.sorted(by: { $0.key < $1.key }) {
                        object.key(name)
                        object.writeObject { $0.field("value", value) }
                    }
                }
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let role: String = try object.required("role")
        if let problem = RoleName.problem(role), role != "*" {
            throw MesosJSONError(path: [.key("role")], problem: "role '\(role)' \(problem)")
        }
        // Read inside `nested`, so that every error names the map it is in.
        func amounts(_ key: String) throws(MesosJSONError) -> [String: Double] {
            try object.nested(key) { map throws(MesosJSONError) in
                var result: [String: Double] = [:]
                for name in map.members.map(\.key) {
                    let amount = try map.required(name) { scalar throws(MesosJSONError) in try scalar.required("value", as: Double.self) }
                    guard amount.isFinite, amount >= 0, amount <= Resource.maximumScalar else {
                        throw MesosJSONError(path: [.key(name), .key("value")], problem: "expected an amount from 0 to 1e15, got \(amount)")
                    }
                    result[name] = amount
                }
                return result
            } ?? [:]
        }
        let guarantees = try amounts("guarantees")
        let limits = try amounts("limits")
        for (name, guarantee) in guarantees.sorted(by: { $0.key < $1.key }) {
            if let limit = limits[name], guarantee > limit {
                throw MesosJSONError(path: [.key("guarantees"), .key(name)], problem: "guarantee \(guarantee) is above the limit \(limit)")
            }
        }
        self.init(role: role, guarantees: guarantees, limits: limits)
    }
}

/// One entry of UPDATE_WEIGHTS and GET_WEIGHTS: Mesos's `WeightInfo` (`{"weight","role"}`).
public struct RoleWeight: Hashable, Sendable {
    public var role: String
    public var weight: Double

    public init(role: String, weight: Double) {
        self.role = role
        self.weight = weight
    }
}

extension RoleWeight: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("weight", weight)
            writer.field("role", role)
        }
    }

    /// `role` is optional in the proto, but a weight for no role means nothing: it is required.
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let weight: Double = try object.required("weight")
        // Mesos's rule: a weight is positive; NaN, infinity or 1e300 have no share to give.
        guard weight.isFinite, weight > 0, weight <= 1e6 else {
            throw MesosJSONError(path: [.key("weight")], problem: "expected a weight above 0 and at most 1000000, got \(weight)")
        }
        self.init(role: try object.required("role"), weight: weight)
    }
}

/// `{"type": T, "<lowercase t>": {...}}`. Bodies of calls that need none are ignored when sent.
extension OperatorCall: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("type", typeName)
            switch self {
            case .updateWeights(let weights):
                writer.field("update_weights") { $0.field("weight_infos", nonEmpty: weights) }
            case .updateQuota(let configs):
                writer.field("update_quota") { $0.field("quota_configs", nonEmpty: configs) }
            case .teardown(let frameworkID):
                writer.field("teardown") { $0.field("framework_id", frameworkID) }
            case .markAgentGone(let agentID):
                writer.field("mark_agent_gone") { $0.field("agent_id", agentID) }
            case .killTask(let key):
                writer.field("kill_task") { body in
                    body.field("framework_id", key.frameworkID)
                    body.field("task_id", key.taskID)
                }
            default:
                break
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let type: String = try object.required("type")
        switch type {
        case "GET_HEALTH": self = .getHealth
        case "GET_FLAGS": self = .getFlags
        case "GET_VERSION": self = .getVersion
        case "GET_METRICS": self = .getMetrics
        case "GET_STATE": self = .getState
        case "GET_AGENTS": self = .getAgents
        case "GET_FRAMEWORKS": self = .getFrameworks
        case "GET_EXECUTORS": self = .getExecutors
        case "GET_OPERATIONS": self = .getOperations
        case "GET_TASKS": self = .getTasks
        case "GET_ROLES": self = .getRoles
        case "GET_WEIGHTS": self = .getWeights
        case "GET_MASTER": self = .getMaster
        case "SUBSCRIBE": self = .subscribe
        case "UPDATE_WEIGHTS":
            self = .updateWeights(
                try object.required("update_weights") { body throws(MesosJSONError) in
                    try body.repeated("weight_infos", of: RoleWeight.self)
                })
        case "TEARDOWN":
            self = .teardown(
                try object.required("teardown") { body throws(MesosJSONError) in
                    try body.required("framework_id", as: FrameworkID.self)
                })
        case "UPDATE_QUOTA":
            self = .updateQuota(
                try object.required("update_quota") { body throws(MesosJSONError) in
                    try body.repeated("quota_configs", of: QuotaConfig.self)
                })
        case "MARK_AGENT_GONE":
            self = .markAgentGone(
                try object.required("mark_agent_gone") { body throws(MesosJSONError) in
                    try body.required("agent_id", as: AgentID.self)
                })
        case "KILL_TASK":
            self = .killTask(
                try object.required("kill_task") { body throws(MesosJSONError) in
                    TaskKey(try body.required("framework_id", as: FrameworkID.self), try body.required("task_id", as: TaskID.self))
                })
        default:
            throw .unsupportedCall(type, api: "operator", supported: Self.supportedTypeNames)
        }
    }
}
