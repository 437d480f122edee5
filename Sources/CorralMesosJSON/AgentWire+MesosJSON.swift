import CorralModel

/// JSON for Corral's agent protocol, in the style of Mesos's own calls and events:
/// `{"type": T, "agent_id": {...}, "<lowercase t>": {...}}`.
extension AgentCallMessage: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("type", call.typeName)
            writer.field("agent_id", ifPresent: agentID)
            switch call {
            case .register(let info, let isolation, let inventory):
                writer.field("register") { writer in
                    writer.field("agent_info", info)
                    writer.field("isolation", isolation)
                    writer.field("frameworks", nonEmpty: inventory.frameworks)
                    writer.field("tasks", nonEmpty: inventory.tasks)
                    if inventory.draining { writer.field("draining", true) }
                }
            case .update(let update):
                writer.field("update", update)
            case .usage(let usage):
                writer.field("usage", usage)
            case .ping, .draining:
                break
            case .unregister(let reason):
                writer.field("unregister") { $0.field("reason", reason) }
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let type: String = try object.required("type")
        let agentID: AgentID? = try object.optional("agent_id")
        let call: AgentCall
        switch type {
        case "REGISTER":
            call = try object.required("register") { register throws(MesosJSONError) in
                .register(
                    try register.required("agent_info"), isolation: try register.optional("isolation") ?? "unknown",
                    inventory: AgentInventory(
                        frameworks: try register.repeated("frameworks"), tasks: try register.repeated("tasks"),
                        draining: try register.optional("draining") ?? false))
            }
        case "UPDATE": call = .update(try object.required("update"))
        case "USAGE": call = .usage(try object.required("usage"))
        case "PING": call = .ping
        case "DRAINING": call = .draining
        case "UNREGISTER":
            let reason: String? = try object.nested("unregister") { unregister throws(MesosJSONError) in
                try unregister.optional("reason", as: String.self)
            } ?? nil
            call = .unregister(reason: reason ?? "unregistered")
        default:
            throw MesosJSONError(path: [.key("type")], problem: "unsupported agent call '\(type)'; expected REGISTER, UPDATE, USAGE, PING, DRAINING or UNREGISTER")
        }
        self.init(agentID: agentID, call: call)
    }
}

extension AgentEvent: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            switch self {
            case .registered(let id, let interval):
                writer.field("type", "REGISTERED")
                writer.field("registered") { writer in
                    writer.field("agent_id", id)
                    writer.field("heartbeat_interval_seconds", interval)
                }
            case .heartbeat:
                writer.field("type", "HEARTBEAT")
            case .message(.launch(let request)):
                writer.field("type", "LAUNCH")
                writer.field("launch") { writer in
                    writer.field("framework_info", request.framework)
                    writer.field("tasks", nonEmpty: request.tasks)
                    writer.field("executor", ifPresent: request.executor)
                }
            case .message(.kill(let frameworkID, let taskID, let policy)):
                writer.field("type", "KILL")
                writer.field("kill") { writer in
                    writer.field("framework_id", frameworkID)
                    writer.field("task_id", taskID)
                    writer.field("kill_policy", ifPresent: policy)
                }
            case .message(.acknowledge(let frameworkID, let taskID, let uuid)):
                writer.field("type", "ACKNOWLEDGE")
                writer.field("acknowledge") { writer in
                    writer.field("framework_id", frameworkID)
                    writer.field("task_id", taskID)
                    writer.field("uuid", base64: uuid)
                }
            case .message(.shutdownFramework(let frameworkID)):
                writer.field("type", "SHUTDOWN_FRAMEWORK")
                writer.field("shutdown_framework") { $0.field("framework_id", frameworkID) }
            case .message(.shutdown(let reason)):
                writer.field("type", "SHUTDOWN")
                writer.field("shutdown") { $0.field("reason", reason) }
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let type: String = try object.required("type")
        switch type {
        case "REGISTERED":
            self = try object.required("registered") { registered throws(MesosJSONError) in
                .registered(try registered.required("agent_id"), heartbeatIntervalSeconds: try registered.seconds("heartbeat_interval_seconds") ?? 15)
            }
        case "HEARTBEAT":
            self = .heartbeat
        case "LAUNCH":
            self = try object.required("launch") { launch throws(MesosJSONError) in
                .message(.launch(LaunchRequest(
                    framework: try launch.required("framework_info"), tasks: try launch.repeated("tasks"),
                    executor: try launch.optional("executor"))))
            }
        case "KILL":
            self = try object.required("kill") { kill throws(MesosJSONError) in
                .message(.kill(try kill.required("framework_id"), try kill.required("task_id"), try kill.optional("kill_policy")))
            }
        case "ACKNOWLEDGE":
            self = try object.required("acknowledge") { ack throws(MesosJSONError) in
                guard let uuid = try ack.bytes("uuid") else { throw .missing("uuid") }
                return .message(.acknowledge(try ack.required("framework_id"), try ack.required("task_id"), uuid: uuid))
            }
        case "SHUTDOWN_FRAMEWORK":
            self = try object.required("shutdown_framework") { shutdown throws(MesosJSONError) in
                .message(.shutdownFramework(try shutdown.required("framework_id")))
            }
        case "SHUTDOWN":
            let reason: String? = try object.nested("shutdown") { shutdown throws(MesosJSONError) in
                try shutdown.optional("reason", as: String.self)
            } ?? nil
            self = .message(.shutdown(reason: reason ?? "the master shut the agent down"))
        default:
            throw MesosJSONError(path: [.key("type")], problem: "unsupported agent event '\(type)'")
        }
    }
}

extension RunningTaskReport: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("framework_id", frameworkID)
            writer.field("task_info", task)
            writer.field("state", state)
            writer.field("executor_id", ifPresent: executorID)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            frameworkID: try object.required("framework_id"), task: try object.required("task_info"),
            state: try object.required("state"), executorID: try object.optional("executor_id"))
    }
}

extension StatusUpdate: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("framework_id", frameworkID)
            writer.field("status", status)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(frameworkID: try object.required("framework_id"), status: try object.required("status"))
    }
}

extension ResourceUsage: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("cpus_used", cpusUsed)
            writer.field("cpu_time_secs", cpuTimeSeconds)
            writer.field("mem_bytes", memoryBytes)
            writer.field("mem_limit_bytes", ifPresent: memoryLimitBytes)
            writer.field("throttled_time_secs", throttledSeconds)
            writer.field("throttled_fraction", throttledFraction)
            writer.field("processes", processes)
            writer.field("timestamp", timestamp.seconds)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            cpusUsed: try object.optional("cpus_used") ?? 0, cpuTimeSeconds: try object.optional("cpu_time_secs") ?? 0,
            memoryBytes: try object.optional("mem_bytes") ?? 0, memoryLimitBytes: try object.optional("mem_limit_bytes"),
            throttledSeconds: try object.optional("throttled_time_secs") ?? 0,
            throttledFraction: try object.optional("throttled_fraction") ?? 0, processes: try object.optional("processes") ?? 0,
            timestamp: Time(seconds: try object.optional("timestamp") ?? 0))
    }
}

extension AgentUsage: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("agent_id", agentID)
            writer.field("total", total)
            let tasks = self.tasks.sorted { $0.key < $1.key }
            if !tasks.isEmpty {
                writer.key("tasks")
                writer.writeArray { writer in
                    for (key, usage) in tasks {
                        writer.writeObject { writer in
                            writer.field("framework_id", key.frameworkID)
                            writer.field("task_id", key.taskID)
                            writer.field("usage", usage)
                        }
                    }
                }
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        var tasks: [TaskKey: ResourceUsage] = [:]
        for entry in try object.repeated("tasks", of: TaskUsageEntry.self) { tasks[entry.key] = entry.usage }
        self.init(agentID: try object.required("agent_id"), total: try object.required("total"), tasks: tasks)
    }
}

/// One task's line of an agent's usage report.
private struct TaskUsageEntry: MesosJSONDecodable {
    var key: TaskKey
    var usage: ResourceUsage

    init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        key = TaskKey(try object.required("framework_id"), try object.required("task_id"))
        usage = try object.required("usage")
    }
}
