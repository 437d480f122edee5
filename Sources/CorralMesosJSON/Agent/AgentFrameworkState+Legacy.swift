import CorralModel

/// A framework on an agent as the agent's `/state` writes it (Mesos's agent `FrameworkWriter`):
/// `{"id","name","user","failover_timeout","checkpoint","hostname","principal","role"|"roles",
/// "executors","completed_executors"}`.
extension AgentFrameworkState {
    func encodeLegacyJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("id", id.value)
            writer.field("name", info.name)
            writer.field("user", info.user)
            writer.field("failover_timeout", info.failoverTimeout)
            writer.field("checkpoint", info.checkpoint)
            writer.field("hostname", info.hostname ?? "")
            writer.field("principal", ifPresent: info.principal)
            writer.legacyRoles(of: info)
            writer.legacyList("executors", executors) { $0.encodeLegacyJSON(to: &$1) }
            writer.legacyList("completed_executors", completedExecutors) { $0.encodeLegacyJSON(to: &$1) }
        }
    }
}

/// An executor as the agent's `/state` writes it (Mesos's `ExecutorWriter`): `{"id","name",
/// "source","container","directory","resources","role","type","tasks","queued_tasks",
/// "completed_tasks"}`. As Mesos does, `completed_tasks` also lists the tasks that ended and
/// wait for their end to be acknowledged.
extension AgentExecutorState {
    func encodeLegacyJSON(to writer: inout MesosJSONWriter) {
        let resources = self.resources
        writer.writeObject { writer in
            writer.field("id", info.executorID.value)
            writer.field("name", info.name ?? "")
            writer.field("source", source)
            writer.field("container", containerID.value)
            writer.field("directory", directory)
            writer.key("resources")
            writer.legacyResources(resources)
            if let role = resources.entries.first?.allocationRole { writer.field("role", role) }
            writer.field("type", ifPresent: info.kind)
            writer.legacyList("tasks", tasks) { $0.encodeLegacyJSON(to: &$1) }
            writer.legacyList("queued_tasks", queuedTasks) { $0.encodeLegacyTaskInfoJSON(to: &$1) }
            writer.legacyList("completed_tasks", completedTasks + terminatedTasks) { $0.encodeLegacyJSON(to: &$1) }
        }
    }
}

extension TaskRecord {
    /// A task not started yet, as Mesos writes its `TaskInfo` (`queued_tasks`):
    /// `{"id","name","slave_id","resources","role","command","executor_id"}`.
    func encodeLegacyTaskInfoJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("id", id.value)
            writer.field("name", name)
            writer.field("slave_id", agentID.value)
            writer.key("resources")
            writer.legacyResources(resources)
            writer.field("role", role)
            if let command {
                writer.key("command")
                writer.legacyCommand(command)
            }
            writer.field("executor_id", ifPresent: executorID?.value)
        }
    }
}

extension MesosJSONWriter {
    /// `"key": [ … ]`, written even when empty, as the legacy endpoints write their lists.
    mutating func legacyList<Items: Sequence>(_ key: StaticString, _ items: Items, _ write: (Items.Element, inout MesosJSONWriter) -> Void) {
        self.key(key)
        writeArray { writer in
            for item in items { write(item, &writer) }
        }
    }

    /// A command as the legacy endpoints write it: `{"shell","value","argv","environment",
    /// "uris":[{"value","executable"}]}`, `argv` and `uris` always there.
    mutating func legacyCommand(_ command: CommandInfo) {
        writeObject { writer in
            writer.field("shell", command.shell)
            writer.field("value", ifPresent: command.value)
            writer.field("argv", command.arguments)
            if !command.environment.isEmpty {
                writer.field("environment") { $0.field("variables", nonEmpty: command.environment) }
            }
            writer.key("uris")
            writer.writeArray { writer in
                for uri in command.uris {
                    writer.writeObject { writer in
                        writer.field("value", uri.value)
                        writer.field("executable", uri.executable ?? false)
                    }
                }
            }
        }
    }
}
