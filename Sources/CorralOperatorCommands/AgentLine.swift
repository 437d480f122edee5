import ConsoleCore
import CorralMesosJSON
import CorralModel

/// One agent as `corral agent list` shows it.
public struct AgentLine: ClusterListing, Hashable {
    /// Where the agent stands with the master.
    public enum Status: String, Hashable, Sendable {
        /// Registered and connected: it gets offers.
        case active
        /// Registered, but its connection dropped: no offers until it is back or found unreachable.
        case inactive
        /// Silent past the agent timeout; its tasks are TASK_UNREACHABLE until it comes back.
        case unreachable
        /// Marked gone by an operator: it may never register again.
        case gone
        /// Admitted before the master restarted, and not registered again yet.
        case recovering
    }

    public var id: AgentID
    public var status: Status
    /// Where the agent is, when the master still knows it (an agent gone long ago is an ID only).
    public var hostname: String?
    public var port: Int?
    public var total: Resources
    public var used: Resources
    public var tasks: Int

    /// Every agent `snapshot` knows of, registered or not, by ID. An agent both registered and
    /// in the registry's unreachable list shows as unreachable.
    public static func lines(of snapshot: ClusterSnapshot) -> [AgentLine] {
        var lines: [AgentID: AgentLine] = [:]
        for agent in snapshot.agents {
            lines[agent.id] = AgentLine(
                id: agent.id, status: agent.active ? .active : .inactive, hostname: agent.info.hostname, port: agent.info.port,
                total: agent.total, used: agent.used, tasks: agent.taskCount)
        }
        for info in snapshot.recoveredAgents {
            guard let id = info.id, lines[id] == nil else { continue }
            lines[id] = AgentLine(id: id, status: .recovering, hostname: info.hostname, port: info.port, total: info.resources, used: Resources(), tasks: 0)
        }
        for (absences, status) in [(snapshot.unreachableAgents, Status.unreachable), (snapshot.goneAgents, .gone)] {
            for absence in absences {
                lines[absence.agentID, default: AgentLine(id: absence.agentID, status: status, total: Resources(), used: Resources(), tasks: 0)].status = status
            }
        }
        return lines.values.sorted { $0.id.value < $1.id.value }
    }

    /// `hostname:port`, or nil for an agent known by ID only.
    public var address: String? { hostname.map { "\($0):\(port.map(String.init) ?? "?")" } }

    /// ID, address, status, tasks, and each resource as used/total.
    public static let columns: [TextTable.Column] = [
        .init("ID"), .init("ADDRESS"), .init("STATUS"), .init("TASKS", .right),
        .init("CPUS", .right), .init("MEM", .right), .init("DISK", .right),
    ]

    public var cells: [String] {
        [
            id.value, address ?? "-", status.rawValue, String(tasks),
            Format.cpusAsked(used.cpus) + "/" + Format.cpusAsked(total.cpus),
            Format.megabytes(used.mem) + "/" + Format.megabytes(total.mem),
            Format.megabytes(used.disk) + "/" + Format.megabytes(total.disk),
        ]
    }

    /// `{"id","hostname","port","status","active","tasks","resources","used_resources"}`,
    /// resources as Mesos's legacy endpoints write them; what is not known `null`.
    public func writeJSONMembers(to writer: inout MesosJSONWriter) {
        writer.field("id", id.value)
        writer.field("hostname", orNull: hostname)
        writer.key("port")
        if let port { writer.number(port) } else { writer.null() }
        writer.field("status", status.rawValue)
        writer.field("active", status == .active)
        writer.field("tasks", tasks)
        writer.key("resources")
        writer.legacyResources(total)
        writer.key("used_resources")
        writer.legacyResources(used)
    }
}
