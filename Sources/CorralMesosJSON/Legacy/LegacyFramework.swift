import CorralModel

/// A framework as `/master/state` and `/master/frameworks` write it (Mesos's
/// `FullFrameworkWriter`): its summary, its info flattened, and its tasks, offers and
/// executors in full.
extension FrameworkSnapshot {
    /// The framework's share of the snapshot, gathered beforehand (see `LegacyFrameworkGroups`)
    /// so that writing every framework stays one pass over the tasks.
    func encodeLegacyJSON(
        snapshot: ClusterSnapshot, taskIndices: [Int], completedIndices: [Int], offers: [Offer],
        executors: [NamedExecutor], to writer: inout MesosJSONWriter
    ) {
        writer.writeObject { writer in
            writer.field("id", id.value)
            writer.field("name", info.name)
            writer.key("used_resources")
            writer.legacyResources(used)
            writer.key("offered_resources")
            writer.legacyResources(offered)
            writer.field("capabilities", info.capabilities)
            writer.field("hostname", info.hostname ?? "")
            writer.field("webui_url", info.webuiURL ?? "")
            writer.field("active", active)
            writer.field("connected", connected)
            writer.field("recovered", false)
            writer.field("user", info.user)
            writer.field("failover_timeout", info.failoverTimeout)
            writer.field("checkpoint", info.checkpoint)
            writer.field("registered_time", registeredAt.seconds)
            // Registered frameworks have never been unregistered: Mesos writes 0.
            writer.field("unregistered_time", 0.0)
            writer.field("principal", ifPresent: info.principal)
            writer.key("resources")
            writer.legacyResources(used + offered)
            writer.legacyRoles(of: info)
            // A framework may have most of the cluster's tasks: written on every core, as
            // GET_STATE's are.
            let tasks = snapshot.tasks
            writer.key("tasks")
            writer.writeArray { writer in
                writer.items(taskIndices) { index, writer in
                    if tasks[index].state != .unreachable { tasks[index].encodeLegacyJSON(to: &writer) }
                }
            }
            writer.key("unreachable_tasks")
            writer.writeArray { writer in
                writer.items(taskIndices) { index, writer in
                    if tasks[index].state == .unreachable { tasks[index].encodeLegacyJSON(to: &writer) }
                }
            }
            let completedTasks = snapshot.completedTasks
            writer.key("completed_tasks")
            writer.writeArray { writer in
                writer.items(completedIndices) { index, writer in completedTasks[index].encodeLegacyJSON(to: &writer) }
            }
            writer.key("offers")
            writer.writeArray { writer in
                for offer in offers { offer.encodeLegacyJSON(to: &writer) }
            }
            writer.key("executors")
            writer.writeArray { writer in
                for executor in executors { executor.encodeLegacyJSON(to: &writer) }
            }
            writer.field("labels", nonEmpty: info.labels)
            writer.field("offer_constraints") { _ in }
        }
    }
}

extension MesosJSONWriter {
    /// As the proto has it: `roles` for a MULTI_ROLE framework, `role` for any other.
    mutating func legacyRoles(of info: FrameworkInfo) {
        if info.has(.multiRole) {
            field("roles", info.roles)
        } else {
            field("role", info.roles.first ?? "*")
        }
    }
}

extension Offer {
    /// `{"id","framework_id","allocation_info":{"role"},"slave_id","resources":{…}}`.
    func encodeLegacyJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("id", id.value)
            writer.field("framework_id", frameworkID.value)
            writer.field("allocation_info") { $0.field("role", role) }
            writer.field("slave_id", agentID.value)
            writer.key("resources")
            writer.legacyResources(resources)
        }
    }
}

extension NamedExecutor {
    /// Mesos's legacy `ExecutorInfo` plus `slave_id`. Corral knows only the default executor
    /// of a LAUNCH_GROUP by its ID, so the command is empty and the resources zero.
    func encodeLegacyJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("executor_id", executorID.value)
            writer.field("name", "")
            writer.field("framework_id", frameworkID.value)
            writer.field("command") { writer in
                writer.field("argv", [String]())
                writer.field("uris", [String]())
            }
            writer.key("resources")
            writer.legacyResources(Resources())
            writer.field("type", "DEFAULT")
            writer.field("slave_id", agentID.value)
        }
    }
}

/// Everything `/master/state` and `/master/frameworks` write per framework, grouped in one pass
/// over each of the snapshot's lists.
struct LegacyFrameworkGroups {
    var tasks: [FrameworkID: [Int]]
    var completed: [FrameworkID: [Int]]
    var offers: [FrameworkID: [Offer]]
    var executors: [FrameworkID: [NamedExecutor]]

    init(_ snapshot: ClusterSnapshot) {
        tasks = ClusterSnapshot.indices(of: snapshot.tasks) { $0.frameworkID }
        completed = ClusterSnapshot.indices(of: snapshot.completedTasks) { $0.frameworkID }
        offers = snapshot.offersByFramework
        executors = Dictionary(grouping: snapshot.namedExecutors, by: \.frameworkID)
    }

    func write(_ framework: FrameworkSnapshot, of snapshot: ClusterSnapshot, to writer: inout MesosJSONWriter) {
        framework.encodeLegacyJSON(
            snapshot: snapshot, taskIndices: tasks[framework.id] ?? [], completedIndices: completed[framework.id] ?? [],
            offers: offers[framework.id] ?? [], executors: executors[framework.id] ?? [], to: &writer)
    }
}
