import CorralModel

/// `TaskInfo`: `{"name","task_id","agent_id","resources","executor","command","kill_policy",
/// "health_check","labels":{"labels"},"discovery"}`.
extension TaskInfo: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("name", name)
            writer.field("task_id", taskID)
            writer.field("agent_id", agentID)
            writer.field("resources", nonEmpty: resources.entries)
            writer.field("executor", ifPresent: executor)
            writer.field("command", ifPresent: command)
            writer.field("kill_policy", ifPresent: killPolicy)
            writer.field("health_check", ifPresent: healthCheck)
            writer.field("labels", labels: labels)
            writer.field("discovery", ifPresent: discovery)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            name: try object.required("name"),
            taskID: try object.required("task_id"),
            agentID: try Self.agentID(in: object),
            resources: try object.optional("resources") ?? Resources(),
            command: try object.optional("command"),
            executor: try object.optional("executor"),
            killPolicy: try object.optional("kill_policy"),
            healthCheck: try object.optional("health_check"),
            labels: try object.labels("labels"),
            discovery: try object.optional("discovery")
        )
    }

    /// `agent_id`, or `slave_id` as pre-1.0 field naming (which mesoshttp still sends) has it.
    private static func agentID(in object: MesosJSONObject) throws(MesosJSONError) -> AgentID {
        if let agentID: AgentID = try object.optional("agent_id") { return agentID }
        if let slaveID: AgentID = try object.optional("slave_id") { return slaveID }
        throw .missing("agent_id")
    }
}

/// `KillPolicy`: `{"grace_period": {"nanoseconds": N}}`, N an int64 (`DurationInfo`).
extension KillPolicy: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("grace_period") { $0.field("nanoseconds", Self.nanoseconds(gracePeriodSeconds)) }
        }
    }

    /// A policy without a grace period means the executor's default, which is `KillPolicy.default`.
    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let nanoseconds = try object.nested("grace_period") { duration throws(MesosJSONError) in
            let nanoseconds = try duration.required("nanoseconds", as: Int64.self)
            guard nanoseconds >= 0 else {
                throw MesosJSONError(path: [.key("nanoseconds")], problem: "expected a grace period of 0 or more, got \(nanoseconds)")
            }
            return nanoseconds
        }
        self.init(gracePeriodSeconds: nanoseconds.map { Double($0) / 1e9 } ?? KillPolicy.default.gracePeriodSeconds)
    }

    private static func nanoseconds(_ seconds: Double) -> Int64 {
        let nanoseconds = (seconds * 1e9).rounded()
        guard nanoseconds.isFinite else { return nanoseconds > 0 ? .max : 0 }
        return nanoseconds >= 0x1p63 ? .max : nanoseconds <= -0x1p63 ? .min : Int64(nanoseconds)
    }
}

/// `ExecutorInfo`: `{"type","executor_id","framework_id","command","resources","name"}`.
extension ExecutorInfo: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("type", ifPresent: kind)
            writer.field("executor_id", executorID)
            writer.field("framework_id", ifPresent: frameworkID)
            writer.field("command", ifPresent: command)
            writer.field("resources", nonEmpty: resources.entries)
            writer.field("name", ifPresent: name)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            executorID: try object.required("executor_id"),
            frameworkID: try object.optional("framework_id"),
            kind: try object.optional("type"),
            name: try object.optional("name"),
            command: try object.optional("command"),
            resources: try object.optional("resources") ?? Resources()
        )
    }
}

extension ExecutorInfo.Kind: MesosJSONEnumeration {}
