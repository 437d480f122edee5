import CorralModel

/// An agent's own endpoints in JSON, written from an `AgentState`: the legacy `/state` (plain
/// JSON as Mesos's src/slave/http.cpp writes it, as the master's legacy endpoints are) and
/// `/monitor/statistics`.
public enum AgentJSON {
    /// `/state` (also `/slave(1)/state` and their `.json` forms): the agent, then its
    /// frameworks with their executors and tasks, keys in Mesos's order. Corral adds `port`.
    public static func state(_ state: AgentState) -> [UInt8] {
        let total = state.info.resources
        var allocated = Resources()
        for framework in state.frameworks {
            for executor in framework.executors { allocated.add(executor.resources) }
        }
        var writer = MesosJSONWriter(reservingCapacity: 4096 + state.taskCount * 900)
        writer.writeObject { writer in
            writer.legacyBuild(VersionInfo(version: state.version))
            writer.field("start_time", state.startedAt.seconds)
            writer.field("id", state.info.id?.value ?? "")
            writer.field("pid", state.info.pid)
            writer.field("hostname", state.info.hostname)
            writer.field("port", state.info.port)
            writer.key("capabilities")
            writer.writeArray { _ in }
            writer.key("resources")
            writer.legacyResources(total)
            writer.legacyReservations(of: total, full: true)
            writer.legacyReservations(of: allocated, full: false, suffix: .allocated)
            writer.key("attributes")
            writer.legacyAttributes(state.info.attributes)
            writer.field("master_hostname", ifPresent: state.masterHostname)
            writer.field("flags") { $0.legacyFlags(state.flags) }
            writer.legacyList("frameworks", state.frameworks) { $0.encodeLegacyJSON(to: &$1) }
            writer.legacyList("completed_frameworks", state.completedFrameworks) { $0.encodeLegacyJSON(to: &$1) }
        }
        return writer.bytes
    }

    /// `/flags`: `{"flags":{"name":"value",…}}`, by name.
    public static func flags(_ state: AgentState) -> [UInt8] {
        var writer = MesosJSONWriter()
        writer.writeObject { writer in writer.field("flags") { $0.legacyFlags(state.flags) } }
        return writer.bytes
    }

    /// `/monitor/statistics` (and `.json`): one entry per running executor,
    /// `[{"executor_id","executor_name","framework_id","source","statistics":{…}}]`.
    public static func monitorStatistics(_ state: AgentState) -> [UInt8] {
        var writer = MesosJSONWriter(reservingCapacity: 256 + state.frameworks.count * 600)
        writer.writeArray { writer in
            for framework in state.frameworks {
                for executor in framework.executors {
                    guard let statistics = executor.statistics else { continue }
                    writer.writeObject { writer in
                        writer.field("executor_id", executor.info.executorID.value)
                        writer.field("executor_name", executor.info.name ?? "")
                        writer.field("framework_id", framework.id.value)
                        writer.field("source", executor.source)
                        writer.field("statistics", statistics)
                    }
                }
            }
        }
        return writer.bytes
    }
}

extension AgentState {
    /// Every task it lists, for a guess at the JSON's size.
    var taskCount: Int {
        (frameworks + completedFrameworks).reduce(0) { total, framework in
            (framework.executors + framework.completedExecutors).reduce(total) {
                $0 + $1.queuedTasks.count + $1.tasks.count + $1.terminatedTasks.count + $1.completedTasks.count
            }
        }
    }
}

extension MesosJSONWriter {
    enum ReservationsSuffix: String {
        case none = ""
        case allocated = "_allocated"
    }

    /// `reserved_resources{,_allocated}` (role → totals) and `unreserved_resources{,_allocated}`,
    /// and with `full` their `_full` forms (role → the proto's resources, and the unreserved
    /// ones as the proto's), as Mesos's agent writes them.
    mutating func legacyReservations(of resources: Resources, full: Bool, suffix: ReservationsSuffix = .none) {
        let reservations = resources.reservedByRole
        key("reserved_resources" + suffix.rawValue)
        writeObject { writer in
            for (role, held) in reservations {
                writer.key(role)
                writer.legacyResources(held)
            }
        }
        key("unreserved_resources" + suffix.rawValue)
        legacyResources(resources.unreserved)
        guard full else { return }
        field("reserved_resources_full") { writer in
            for (role, held) in reservations {
                writer.key(role)
                held.entries.encodeMesosJSON(to: &writer)
            }
        }
        field("unreserved_resources_full", resources.unreserved.entries)
    }
}
