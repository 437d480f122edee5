/// A task as the master tracks it (not to be confused with Swift's concurrency `Task`): what was launched and every status it went through.
public struct TaskRecord: Hashable, Sendable {
    public var id: TaskID
    public var name: String
    public var frameworkID: FrameworkID
    public var agentID: AgentID
    public var executorID: ExecutorID?
    public var role: String
    public var resources: Resources
    public var command: CommandInfo?
    public var state: TaskState
    public var statuses: [TaskStatus]
    public var launchedAt: Time
    public var labels: [Label]
    /// The launch's DiscoveryInfo, shown with the task as Mesos shows it.
    public var discovery: DiscoveryInfo?

    public init(
        id: TaskID, name: String, frameworkID: FrameworkID, agentID: AgentID,
        executorID: ExecutorID? = nil, role: String, resources: Resources, command: CommandInfo?,
        state: TaskState = .staging, statuses: [TaskStatus] = [], launchedAt: Time, labels: [Label] = [],
        discovery: DiscoveryInfo? = nil
    ) {
        self.id = id
        self.name = name
        self.frameworkID = frameworkID
        self.agentID = agentID
        self.executorID = executorID
        self.role = role
        self.resources = resources
        self.command = command
        self.state = state
        self.statuses = statuses
        self.launchedAt = launchedAt
        self.labels = labels
        self.discovery = discovery
    }

    public var key: TaskKey { TaskKey(frameworkID, id) }
    public var latestStatus: TaskStatus? { statuses.last }
    /// When the task last changed state.
    public var updatedAt: Time { statuses.last?.timestamp ?? launchedAt }
}
