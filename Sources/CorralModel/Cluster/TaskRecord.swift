/// A task as the master tracks it (not to be confused with Swift's concurrency `Task`): what was launched and every status it went through.
public struct TaskRecord: Hashable, Sendable {
    public var id: TaskID
    public var frameworkID: FrameworkID
    public var agentID: AgentID
    public var state: TaskState
    public var statuses: [TaskStatus]
    public var launchedAt: Time
    /// What the task was launched with, which does not change after its launch, behind one
    /// reference: records are copied whole into every snapshot and every answer that lists
    /// tasks, and each copy of these fields inline retained a score of references (a tenth of
    /// GET_STATE's time with 100,000 tasks).
    private var launch: LaunchBox

    public init(
        id: TaskID, name: String, frameworkID: FrameworkID, agentID: AgentID,
        executorID: ExecutorID? = nil, role: String, resources: Resources, command: CommandInfo?,
        state: TaskState = .staging, statuses: [TaskStatus] = [], launchedAt: Time, labels: [Label] = [],
        discovery: DiscoveryInfo? = nil
    ) {
        self.id = id
        self.frameworkID = frameworkID
        self.agentID = agentID
        self.state = state
        self.statuses = statuses
        self.launchedAt = launchedAt
        launch = LaunchBox(Launch(name: name, executorID: executorID, role: role, resources: resources, command: command, labels: labels, discovery: discovery))
    }

    public var name: String { get { launch.value.name } set { changeLaunch { $0.name = newValue } } }
    public var executorID: ExecutorID? { get { launch.value.executorID } set { changeLaunch { $0.executorID = newValue } } }
    public var role: String { get { launch.value.role } set { changeLaunch { $0.role = newValue } } }
    public var resources: Resources { get { launch.value.resources } set { changeLaunch { $0.resources = newValue } } }
    public var command: CommandInfo? { get { launch.value.command } set { changeLaunch { $0.command = newValue } } }
    public var labels: [Label] { get { launch.value.labels } set { changeLaunch { $0.labels = newValue } } }

    /// The launch's DiscoveryInfo, shown with the task as Mesos shows it.
    public var discovery: DiscoveryInfo? { get { launch.value.discovery } set { changeLaunch { $0.discovery = newValue } } }

    public var key: TaskKey { TaskKey(frameworkID, id) }
    public var latestStatus: TaskStatus? { statuses.last }
    /// When the task last changed state.
    public var updatedAt: Time { statuses.last?.timestamp ?? launchedAt }

    public static func == (lhs: TaskRecord, rhs: TaskRecord) -> Bool {
        lhs.id == rhs.id && lhs.frameworkID == rhs.frameworkID && lhs.agentID == rhs.agentID && lhs.state == rhs.state
            && lhs.statuses == rhs.statuses && lhs.launchedAt == rhs.launchedAt
            && (lhs.launch === rhs.launch || lhs.launch.value == rhs.launch.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(frameworkID)
        hasher.combine(agentID)
        hasher.combine(state)
        hasher.combine(statuses)
        hasher.combine(launchedAt)
        hasher.combine(launch.value)
    }

    /// A record's launch fields are shared by its copies: a change makes a box of its own.
    private mutating func changeLaunch(_ change: (inout Launch) -> Void) {
        var value = launch.value
        change(&value)
        launch = LaunchBox(value)
    }

    private struct Launch: Hashable, Sendable {
        var name: String
        var executorID: ExecutorID?
        var role: String
        var resources: Resources
        var command: CommandInfo?
        var labels: [Label]
        var discovery: DiscoveryInfo?
    }

    private final class LaunchBox: Sendable {
        let value: Launch
        init(_ value: Launch) { self.value = value }
    }
}
