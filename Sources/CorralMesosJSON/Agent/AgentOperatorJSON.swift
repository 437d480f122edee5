import CorralModel

/// The agent's v1 operator API (`POST /api/v1` on an agent) in JSON, written from an
/// `AgentState`: `{"type": T, "<lowercase t>": {...}}` in agent.proto's JSON mapping, as the
/// master's `OperatorJSON` writes master.proto's (repeated fields only when non-empty).
public enum AgentOperatorJSON {
    /// The body of the 200 answer to `call`.
    public static func response(to call: AgentOperatorCall, state: AgentState) -> [UInt8] {
        var writer = MesosJSONWriter(reservingCapacity: 1024 + state.taskCount * 700)
        writer.writeObject { writer in
            writer.field("type", call.typeName)
            switch call {
            case .getHealth:
                writer.field("get_health") { $0.field("healthy", true) }
            case .getFlags:
                writer.field("get_flags") { OperatorJSON.writeFlags(state.flags, into: &$0) }
            case .getVersion:
                writer.field("get_version") { $0.field("version_info", VersionInfo(version: state.version)) }
            case .getMetrics:
                writer.field("get_metrics") { writer in
                    OperatorJSON.writeNameValueList("metrics", AgentMetrics.values(of: state).map { ($0.name, $0.value) }, into: &writer)
                }
            case .getState:
                writer.field("get_state") { writer in
                    writer.field("get_tasks") { writeGetTasks(state, into: &$0) }
                    writer.field("get_executors") { writeGetExecutors(state, into: &$0) }
                    writer.field("get_frameworks") { writeGetFrameworks(state, into: &$0) }
                }
            case .getContainers:
                writer.field("get_containers") { writeGetContainers(state, into: &$0) }
            case .getFrameworks:
                writer.field("get_frameworks") { writeGetFrameworks(state, into: &$0) }
            case .getExecutors:
                writer.field("get_executors") { writeGetExecutors(state, into: &$0) }
            case .getTasks:
                writer.field("get_tasks") { writeGetTasks(state, into: &$0) }
            case .getAgent:
                writer.field("get_agent") { $0.field("agent_info", state.info) }
            }
        }
        return writer.bytes
    }

    /// `{"queued_tasks","launched_tasks","terminated_tasks","completed_tasks"}`, Mesos's `Task`
    /// each; Corral has no `pending_tasks` (a task is queued from the moment it arrives).
    static func writeGetTasks(_ state: AgentState, into writer: inout MesosJSONWriter) {
        let executors = state.allExecutors
        writer.field("queued_tasks", nonEmpty: executors.flatMap(\.queuedTasks))
        writer.field("launched_tasks", nonEmpty: executors.flatMap(\.tasks))
        writer.field("terminated_tasks", nonEmpty: executors.flatMap(\.terminatedTasks))
        writer.field("completed_tasks", nonEmpty: executors.flatMap(\.completedTasks))
    }

    /// `{"executors":[{"executor_info"}],"completed_executors":[…]}`.
    static func writeGetExecutors(_ state: AgentState, into writer: inout MesosJSONWriter) {
        let frameworks = state.frameworks + state.completedFrameworks
        for (key, executors) in [("executors", frameworks.flatMap(\.executors)), ("completed_executors", frameworks.flatMap(\.completedExecutors))]
        where !executors.isEmpty {
            writer.key(key)
            writer.writeArray { writer in
                for executor in executors { writer.writeObject { $0.field("executor_info", executor.info) } }
            }
        }
    }

    /// `{"frameworks":[{"framework_info"}],"completed_frameworks":[…]}`.
    static func writeGetFrameworks(_ state: AgentState, into writer: inout MesosJSONWriter) {
        for (key, frameworks) in [("frameworks", state.frameworks), ("completed_frameworks", state.completedFrameworks)] where !frameworks.isEmpty {
            writer.key(key)
            writer.writeArray { writer in
                for framework in frameworks { writer.writeObject { $0.field("framework_info", framework.info) } }
            }
        }
    }

    /// `{"containers":[{"framework_id","executor_id","executor_name","container_id",
    /// "container_status","resource_statistics"}]}`: the running executors' containers.
    static func writeGetContainers(_ state: AgentState, into writer: inout MesosJSONWriter) {
        let running = state.frameworks.flatMap { framework in framework.executors.map { (framework.id, $0) } }
        guard !running.isEmpty else { return }
        writer.key("containers")
        writer.writeArray { writer in
            for (frameworkID, executor) in running {
                writer.writeObject { writer in
                    writer.field("framework_id", frameworkID)
                    writer.field("executor_id", executor.info.executorID)
                    writer.field("executor_name", executor.info.name ?? "")
                    writer.field("container_id", executor.containerID)
                    writer.field("container_status", ContainerStatus(containerID: executor.containerID))
                    writer.field("resource_statistics", ifPresent: executor.statistics)
                }
            }
        }
    }
}

extension AgentState {
    /// Every executor, running or ended, of every framework, running or ended.
    var allExecutors: [AgentExecutorState] {
        (frameworks + completedFrameworks).flatMap { $0.executors + $0.completedExecutors }
    }
}
