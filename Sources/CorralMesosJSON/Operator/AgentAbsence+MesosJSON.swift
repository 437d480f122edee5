import CorralModel

/// An unreachable or gone agent as GET_AGENTS lists it (Corral's addition; Mesos only counts
/// them): `{"agent_id":{"value"},"time":{"nanoseconds"}}`.
extension AgentAbsence: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("agent_id", agentID)
            writer.field("time", timeInfo: since)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(agentID: try object.required("agent_id"), since: try object.timeInfo("time") ?? .zero)
    }
}
