import CorralModel

/// GET_STATE and its four parts, each also a call of its own: GET_TASKS, GET_EXECUTORS,
/// GET_FRAMEWORKS, GET_AGENTS. Each function writes the fields of its message into the object
/// the caller has opened.
extension OperatorJSON {
    /// `{"get_tasks","get_executors","get_frameworks","get_agents"}`, as SUBSCRIBED embeds it too.
    static func writeGetState(_ snapshot: ClusterSnapshot, master: MasterDescription, into writer: inout MesosJSONWriter) {
        writer.field("get_tasks") { writeGetTasks(snapshot, into: &$0) }
        writer.field("get_executors") { writeGetExecutors(snapshot, into: &$0) }
        writer.field("get_frameworks") { writeGetFrameworks(snapshot, into: &$0) }
        writer.field("get_agents") { writeGetAgents(snapshot, master: master, into: &$0) }
    }

    /// `{"tasks","unreachable_tasks","completed_tasks"}`: TASK_UNREACHABLE tasks are listed
    /// apart from the others, and the ended ones the snapshot keeps last.
    static func writeGetTasks(_ snapshot: ClusterSnapshot, into writer: inout MesosJSONWriter) {
        let unreachable = snapshot.unreachableTaskCount
        if snapshot.tasks.count > unreachable {
            writer.key("tasks")
            writer.writeArray { writer in
                writer.items(snapshot.tasks) { task, writer in if task.state != .unreachable { task.encodeMesosJSON(to: &writer) } }
            }
        }
        if unreachable > 0 {
            writer.key("unreachable_tasks")
            writer.writeArray { writer in
                writer.items(snapshot.tasks) { task, writer in if task.state == .unreachable { task.encodeMesosJSON(to: &writer) } }
            }
        }
        writer.field("completed_tasks", nonEmpty: snapshot.completedTasks)
    }

    /// `{"executors":[{"executor_info","agent_id"}]}`: the executors the snapshot's tasks name.
    /// Corral knows of no executor but LAUNCH_GROUP's default one, so each is written as that.
    static func writeGetExecutors(_ snapshot: ClusterSnapshot, into writer: inout MesosJSONWriter) {
        let executors = snapshot.namedExecutors
        guard !executors.isEmpty else { return }
        writer.key("executors")
        writer.writeArray { writer in
            for executor in executors {
                writer.writeObject { writer in
                    writer.field(
                        "executor_info",
                        ExecutorInfo(executorID: executor.executorID, frameworkID: executor.frameworkID, kind: .default))
                    writer.field("agent_id", executor.agentID)
                }
            }
        }
    }

    /// `{"frameworks":[…], "completed_frameworks":[…]}`, each with its outstanding offers.
    static func writeGetFrameworks(_ snapshot: ClusterSnapshot, into writer: inout MesosJSONWriter) {
        let offers = snapshot.offersByFramework
        if !snapshot.frameworks.isEmpty {
            writer.key("frameworks")
            writer.writeArray { writer in
                for framework in snapshot.frameworks {
                    framework.encodeOperatorJSON(offers: offers[framework.id] ?? [], to: &writer)
                }
            }
        }
        if !snapshot.completedFrameworks.isEmpty {
            writer.key("completed_frameworks")
            writer.writeArray { writer in
                for framework in snapshot.completedFrameworks { framework.encodeOperatorJSON(offers: [], to: &writer) }
            }
        }
    }

    /// `{"agents":[…]}`.
    /// `{"agents","recovered_agents"}` as Mesos writes them (recovered agents: admitted before
    /// the master's restart, not yet back), and Corral's `unreachable_agents` and `gone_agents`
    /// (`[{"agent_id","time":{"nanoseconds"}}]`) from the registry, which Mesos does not list.
    static func writeGetAgents(_ snapshot: ClusterSnapshot, master: MasterDescription, into writer: inout MesosJSONWriter) {
        if !snapshot.agents.isEmpty {
            let version = master.agentVersion
            writer.key("agents")
            writer.writeArray { writer in
                for agent in snapshot.agents { agent.encodeOperatorJSON(version: version, to: &writer) }
            }
        }
        writer.field("recovered_agents", nonEmpty: snapshot.recoveredAgents)
        writer.field("unreachable_agents", nonEmpty: snapshot.unreachableAgents)
        writer.field("gone_agents", nonEmpty: snapshot.goneAgents)
    }
}
