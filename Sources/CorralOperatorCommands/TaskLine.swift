import ConsoleCore
import CorralMesosJSON
import CorralModel

/// One task as `corral task list` shows it: what it is, whose, where, in which state, holding what.
public struct TaskLine: ClusterListing, Hashable {
    public var task: TaskRecord
    /// The framework's name; nil when the master no longer lists the framework (it keeps a
    /// bounded history of those that ended).
    public var frameworkName: String?
    /// `hostname:port` of its agent; nil when the master does not list the agent now.
    public var agentAddress: String?

    public init(task: TaskRecord, frameworkName: String?, agentAddress: String?) {
        self.task = task
        self.frameworkName = frameworkName
        self.agentAddress = agentAddress
    }

    /// The tasks of `snapshot` that have not ended (those too, with `includeCompleted`), ordered
    /// by ID, then framework, then launch time: the same cluster lists the same way every time.
    public static func lines(of snapshot: ClusterSnapshot, includeCompleted: Bool) -> [TaskLine] {
        let frameworks = snapshot.frameworks + snapshot.completedFrameworks
        let names = Dictionary(frameworks.map { ($0.id, $0.info.name) }, uniquingKeysWith: { first, _ in first })
        let agents = Dictionary(snapshot.agents.map { ($0.id, $0.address) }, uniquingKeysWith: { first, _ in first })
        let tasks = includeCompleted ? snapshot.tasks + snapshot.completedTasks : snapshot.tasks
        return tasks.map { TaskLine(task: $0, frameworkName: names[$0.frameworkID], agentAddress: agents[$0.agentID]) }
            .sorted { ($0.task.id.value, $0.task.frameworkID.value, $0.task.launchedAt) < ($1.task.id.value, $1.task.frameworkID.value, $1.task.launchedAt) }
    }

    /// ID, name, framework, agent, state and resources.
    public static let columns: [TextTable.Column] = [
        .init("ID"), .init("NAME"), .init("FRAMEWORK"), .init("AGENT"), .init("STATE"),
        .init("CPUS", .right), .init("MEM", .right), .init("DISK", .right),
    ]

    public var cells: [String] {
        let resources = task.resources
        return [
            task.id.value, task.name, frameworkName ?? task.frameworkID.value, agentAddress ?? task.agentID.value, task.state.rawValue,
            Format.cpusAsked(resources.cpus), Format.megabytes(resources.mem), Format.megabytes(resources.disk),
        ]
    }

    /// `{"id","name","framework_id","framework_name","agent_id","agent","state","role","resources"}`:
    /// names as Mesos's, resources as its legacy endpoints write them
    /// (`{"cpus","gpus","mem","disk","ports"}`), what is not known `null`.
    public func writeJSONMembers(to writer: inout MesosJSONWriter) {
        writer.field("id", task.id.value)
        writer.field("name", task.name)
        writer.field("framework_id", task.frameworkID.value)
        writer.field("framework_name", orNull: frameworkName)
        writer.field("agent_id", task.agentID.value)
        writer.field("agent", orNull: agentAddress)
        writer.field("state", task.state.rawValue)
        writer.field("role", task.role)
        writer.key("resources")
        writer.legacyResources(task.resources)
    }
}

extension AgentSnapshot {
    /// `hostname:port`, where its files API serves.
    var address: String { "\(info.hostname):\(info.port)" }
}
