import CorralModel

/// A task as Mesos's `Task` message: `{"name","task_id","framework_id","executor_id","agent_id",
/// "state","resources","statuses","labels","discovery"}`, what GET_TASKS lists and TASK_ADDED carries.
///
/// `Task` has no place for the command, the role or the launch time: the role travels as the
/// resources' `allocation_info.role`, and a task read back takes its launch time from its first
/// status. The command is read when a peer sends one (Mesos's docs show it on TASK_ADDED) but
/// never written.
extension TaskRecord: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("name", name)
            writer.field("task_id", id)
            writer.field("framework_id", frameworkID)
            writer.field("executor_id", ifPresent: executorID)
            writer.field("agent_id", agentID)
            writer.field("state", state)
            writer.field("resources", nonEmpty: resources.entries)
            writer.field("statuses", nonEmpty: statuses)
            writer.field("labels", labels: labels)
            writer.field("discovery", ifPresent: discovery)
        }
    }

    /// Lenient where Mesos's own output is: only `task_id` is insisted on. A missing state is
    /// the latest status's (or STAGING), a missing framework or agent an empty ID.
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let resources: Resources = try object.optional("resources") ?? Resources()
        let statuses: [TaskStatus] = try object.repeated("statuses")
        let state = try Self.state(in: object) ?? statuses.last?.state ?? .staging
        let agentID: AgentID? = try object.optional("agent_id")
        let slaveID: AgentID? = try object.optional("slave_id")
        self.init(
            id: try object.required("task_id"),
            name: try object.optional("name") ?? "",
            frameworkID: try object.optional("framework_id") ?? FrameworkID(""),
            agentID: agentID ?? slaveID ?? AgentID(""),
            executorID: try object.optional("executor_id"),
            role: Self.role(of: resources),
            resources: resources,
            command: try object.optional("command"),
            state: state,
            statuses: statuses,
            launchedAt: statuses.first?.timestamp ?? .zero,
            labels: try object.labels("labels"),
            discovery: try object.optional("discovery")
        )
    }

    /// A state this side does not know (a newer Mesos's) reads as TASK_UNKNOWN, not as an error
    /// that would lose the whole GET_STATE.
    private static func state(in object: MesosJSONObject) throws(MesosJSONError) -> TaskState? {
        guard let name: String = try object.optional("state") else { return nil }
        return TaskState(rawValue: name) ?? .unknown
    }

    /// Mesos keeps a task's resources in one role (MESOS-6636) and says which in each resource's
    /// `allocation_info`; resources from before MULTI_ROLE have none, and a reservation's role
    /// or `*` stands in.
    static func role(of resources: Resources) -> String {
        for resource in resources.entries {
            if let role = resource.allocationRole { return role }
        }
        return resources.entries.first?.reservedRole ?? "*"
    }
}
