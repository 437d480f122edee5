import CorralModel

/// A task as the legacy endpoints write it (Mesos's src/common/http.cpp): flat string IDs,
/// `slave_id`, resources as totals, statuses reduced to state and time:
/// `{"id","name","framework_id","executor_id","slave_id","state","resources":{…},"role",
/// "statuses":[{"state","timestamp","container_status"}],"user","labels","discovery"}`.
extension TaskRecord {
    func encodeLegacyJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("id", id.value)
            writer.field("name", name)
            writer.field("framework_id", frameworkID.value)
            // Always present, empty for a command task, as Mesos writes it.
            writer.field("executor_id", executorID?.value ?? "")
            writer.field("slave_id", agentID.value)
            writer.field("state", state)
            writer.key("resources")
            writer.legacyResources(resources)
            writer.field("role", role)
            writer.key("statuses")
            writer.writeArray { writer in
                for status in statuses {
                    writer.writeObject { writer in
                        writer.field("state", status.state)
                        // Mesos stamps every status; one without a time is dated at launch.
                        writer.field("timestamp", (status.timestamp ?? launchedAt).seconds)
                        writer.field("container_status", ifPresent: status.containerStatus)
                        writer.field("healthy", ifPresent: status.healthy)
                    }
                }
            }
            writer.field("user", ifPresent: command?.user)
            writer.field("labels", nonEmpty: labels)
            writer.field("discovery", ifPresent: discovery)
        }
    }
}
