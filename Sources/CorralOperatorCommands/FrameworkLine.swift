import ConsoleCore
import CorralMesosJSON
import CorralModel

/// One framework as `corral framework list` shows it.
public struct FrameworkLine: ClusterListing, Hashable {
    public var framework: FrameworkSnapshot

    /// The frameworks `snapshot` lists (those torn down are not: the operator API drops them),
    /// by name, then ID.
    public static func lines(of snapshot: ClusterSnapshot) -> [FrameworkLine] {
        snapshot.frameworks.sorted { ($0.info.name, $0.id.value) < ($1.info.name, $1.id.value) }.map(FrameworkLine.init)
    }

    /// `active`; `inactive` when its scheduler is not connected (its tasks run on, for its
    /// failover timeout); `recovered` when the master learned of it from an agent after a
    /// restart and it has not subscribed again.
    public var status: String {
        if framework.recovered { return "recovered" }
        return framework.active && framework.connected ? "active" : "inactive"
    }

    /// ID, name, roles, status, tasks, and the resources its tasks hold.
    public static let columns: [TextTable.Column] = [
        .init("ID"), .init("NAME"), .init("ROLES"), .init("STATUS"), .init("TASKS", .right),
        .init("CPUS", .right), .init("MEM", .right), .init("DISK", .right),
    ]

    public var cells: [String] {
        [
            framework.id.value, framework.info.name, framework.info.roles.joined(separator: ","), status,
            String(framework.taskCount), Format.cpusAsked(framework.used.cpus), Format.megabytes(framework.used.mem),
            Format.megabytes(framework.used.disk),
        ]
    }

    /// `{"id","name","roles","status","active","connected","tasks","used_resources"}`,
    /// resources as Mesos's legacy endpoints write them.
    public func writeJSONMembers(to writer: inout MesosJSONWriter) {
        writer.field("id", framework.id.value)
        writer.field("name", framework.info.name)
        writer.field("roles", framework.info.roles)
        writer.field("status", status)
        writer.field("active", framework.active)
        writer.field("connected", framework.connected)
        writer.field("tasks", framework.taskCount)
        writer.key("used_resources")
        writer.legacyResources(framework.used)
    }
}
