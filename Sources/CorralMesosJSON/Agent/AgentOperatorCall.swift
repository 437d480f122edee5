import CorralModel

/// A call to an agent's v1 operator API (`POST /api/v1` on the agent), per
/// include/mesos/v1/agent/agent.proto's `Call`: `{"type": "GET_STATE"}`.
///
/// Only the calls that read the agent are answered. Any other type (an unknown one, or one
/// Corral's agents do not implement, such as LAUNCH_NESTED_CONTAINER) fails to decode with a
/// message that names it and lists these: the HTTP layer answers 400 with it.
public enum AgentOperatorCall: String, Hashable, Sendable, CaseIterable {
    case getHealth = "GET_HEALTH"
    case getFlags = "GET_FLAGS"
    case getVersion = "GET_VERSION"
    case getMetrics = "GET_METRICS"
    case getState = "GET_STATE"
    case getContainers = "GET_CONTAINERS"
    case getFrameworks = "GET_FRAMEWORKS"
    case getExecutors = "GET_EXECUTORS"
    case getTasks = "GET_TASKS"
    case getAgent = "GET_AGENT"

    /// Mesos's name for the call, as `type` carries it.
    public var typeName: String { rawValue }
}

/// `{"type": T}`; bodies (`get_metrics.timeout`, `get_containers.show_nested`) change nothing
/// here and are ignored.
extension AgentOperatorCall: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { $0.field("type", typeName) }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let type: String = try value.object().required("type")
        guard let call = AgentOperatorCall(rawValue: type) else {
            throw .unsupportedCall(type, api: "agent", supported: Self.allCases.map(\.typeName))
        }
        self = call
    }
}
