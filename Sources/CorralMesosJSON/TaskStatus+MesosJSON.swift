import CorralModel

/// `TaskStatus`: `{"task_id","state","source","reason","message","agent_id","executor_id",
/// "timestamp","uuid","healthy","container_status"}`. `timestamp` is seconds as a double; `uuid`
/// is base64.
extension TaskStatus: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("task_id", taskID)
            writer.field("state", state)
            writer.field("source", ifPresent: source)
            writer.field("reason", ifPresent: reason)
            writer.field("message", ifPresent: message)
            writer.field("agent_id", ifPresent: agentID)
            writer.field("executor_id", ifPresent: executorID)
            writer.field("timestamp", ifPresent: timestamp?.seconds)
            writer.field("uuid", base64: uuid)
            writer.field("healthy", ifPresent: healthy)
            writer.field("container_status", ifPresent: containerStatus)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            taskID: try object.required("task_id"),
            state: try object.required("state"),
            source: try object.optional("source"),
            reason: try Self.reason(in: object),
            message: try object.optional("message"),
            agentID: try object.optional("agent_id"),
            executorID: try object.optional("executor_id"),
            timestamp: try object.optional("timestamp", as: Double.self).map(Time.init(seconds:)),
            uuid: try object.bytes("uuid"),
            healthy: try object.optional("healthy"),
            containerStatus: try Self.containerStatus(in: object)
        )
    }

    /// Mesos's `container_id` is optional: a status that names no container (only its network,
    /// as Mesos's documented examples do) reads as one without a container status.
    private static func containerStatus(in object: MesosJSONObject) throws(MesosJSONError) -> ContainerStatus? {
        let id = try object.nested("container_status") { status throws(MesosJSONError) in try status.optional("container_id", as: ContainerID.self) }
        return (id ?? nil).map(ContainerStatus.init(containerID:))
    }

    /// Mesos has more reasons than Corral models (and adds more over time); an update with one
    /// of them is still an update, so an unknown reason reads as none instead of failing it.
    private static func reason(in object: MesosJSONObject) throws(MesosJSONError) -> Reason? {
        guard let name: String = try object.optional("reason") else { return nil }
        return Reason(rawValue: name)
    }
}

/// `ContainerStatus`: `{"container_id":{"value"}}`; Mesos's network and cgroup details are not
/// Corral's to give, and are ignored when read.
extension ContainerStatus: MesosJSONEncodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { $0.field("container_id", containerID) }
    }
}

extension TaskState: MesosJSONEnumeration {}
extension TaskStatus.Source: MesosJSONEnumeration {}
extension TaskStatus.Reason: MesosJSONEnumeration {}
