import CorralModel

/// An agent as GET_AGENTS lists it and AGENT_ADDED carries it (master.proto's
/// `Response.GetAgents.Agent`): `{"agent_info","active","deactivated","version","pid",
/// "registered_time":{"nanoseconds"},"total_resources","allocated_resources","offered_resources"}`.
extension AgentSnapshot {
    /// `version` is the agent's build; `AgentSnapshot` has none of its own (see
    /// `MasterDescription`). Corral has no operator deactivation, so `deactivated` is false.
    public func encodeOperatorJSON(version: String, to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.key("agent_info")
            if info.id == id {
                info.encodeMesosJSON(to: &writer)
            } else {
                // The snapshot's ID is the one that counts; the info may predate registration.
                var info = info
                info.id = id
                info.encodeMesosJSON(to: &writer)
            }
            writer.field("active", active)
            writer.field("deactivated", false)
            writer.field("version", version)
            writer.field("pid", info.pid)
            writer.field("registered_time", timeInfo: registeredAt)
            writer.field("total_resources", nonEmpty: total.entries)
            writer.field("allocated_resources", nonEmpty: used.entries)
            writer.field("offered_resources", nonEmpty: offered.entries)
        }
    }

    /// Reads what the entry carries. Usage, isolation and the task count are not in it: they
    /// read as nil, nil and 0 (`ClusterSnapshot(operatorState:)` counts the tasks itself). An
    /// entry without `total_resources` (Mesos omits empty ones) falls back on `agent_info`'s.
    public init(operatorJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let info: AgentInfo = try object.required("agent_info")
        let total: Resources? = try object.optional("total_resources")
        self.init(
            info: info,
            id: info.id ?? AgentID(""),
            active: try object.optional("active") ?? true,
            registeredAt: try object.timeInfo("registered_time") ?? .zero,
            total: total ?? info.resources,
            used: try object.optional("allocated_resources") ?? Resources(),
            offered: try object.optional("offered_resources") ?? Resources(),
            usage: nil,
            taskCount: 0,
            isolation: nil
        )
    }
}
