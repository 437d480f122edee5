/// What an agent shows of itself on its own endpoints (Mesos's agent `/state`, its v1 operator
/// API, `/monitor/statistics` and `/metrics/snapshot`), read at one moment.
///
/// Tasks are grouped as Mesos groups them: by framework, then by executor. A command task has
/// an executor of its own whose ID is the task's (Mesos's command executor); the tasks of a
/// LAUNCH_GROUP share their group's executor.
public struct AgentState: Hashable, Sendable {
    /// The agent's ID is nil until it first registers.
    public var info: AgentInfo
    public var time: Time
    public var startedAt: Time
    public var version: String
    /// Registered with a master (Mesos's `slave/registered`).
    public var registered: Bool
    /// Its master's host, as the agent was told to reach it.
    public var masterHostname: String?
    /// Mesos writes its flags by name; Corral's agent reports those that have a Mesos name.
    public var flags: [String: String]
    /// Frameworks with an executor still running.
    public var frameworks: [AgentFrameworkState]
    /// Frameworks whose executors all ended, as long as the agent remembers them.
    public var completedFrameworks: [AgentFrameworkState]
    /// How many tasks ended in each terminal state since the agent started.
    public var endedTasks: [TaskState: Int]

    public init(
        info: AgentInfo, time: Time, startedAt: Time, version: String, registered: Bool, masterHostname: String? = nil,
        flags: [String: String] = [:], frameworks: [AgentFrameworkState] = [], completedFrameworks: [AgentFrameworkState] = [],
        endedTasks: [TaskState: Int] = [:]
    ) {
        self.info = info
        self.time = time
        self.startedAt = startedAt
        self.version = version
        self.registered = registered
        self.masterHostname = masterHostname
        self.flags = flags
        self.frameworks = frameworks
        self.completedFrameworks = completedFrameworks
        self.endedTasks = endedTasks
    }

    /// `slave(1)@host:port`, the libprocess address Mesos's tools read an agent's from.
    public var pid: String { "slave(1)@\(info.hostname):\(info.port)" }
}

/// A framework as its agent knows it: its info and its executors there.
public struct AgentFrameworkState: Hashable, Sendable {
    public var info: FrameworkInfo
    public var executors: [AgentExecutorState]
    public var completedExecutors: [AgentExecutorState]

    public init(info: FrameworkInfo, executors: [AgentExecutorState] = [], completedExecutors: [AgentExecutorState] = []) {
        self.info = info
        self.executors = executors
        self.completedExecutors = completedExecutors
    }

    public var id: FrameworkID { info.id ?? FrameworkID("") }
}

/// An executor on an agent and its tasks, in Mesos's four lists.
public struct AgentExecutorState: Hashable, Sendable {
    /// `kind` is nil for a command executor, as Mesos leaves its type unset.
    public var info: ExecutorInfo
    /// Mesos's (deprecated) `source`: the task ID for a command executor.
    public var source: String
    public var containerID: ContainerID
    /// The sandbox: a path the agent's files API serves.
    public var directory: String
    /// Not yet started.
    public var queuedTasks: [TaskRecord]
    /// Started and not ended.
    public var tasks: [TaskRecord]
    /// Ended, their end not yet acknowledged by their framework.
    public var terminatedTasks: [TaskRecord]
    /// Ended and acknowledged (or nobody was left to acknowledge them).
    public var completedTasks: [TaskRecord]
    /// The container's usage now, while it runs.
    public var statistics: ResourceStatistics?

    public init(
        info: ExecutorInfo, source: String, containerID: ContainerID, directory: String, queuedTasks: [TaskRecord] = [],
        tasks: [TaskRecord] = [], terminatedTasks: [TaskRecord] = [], completedTasks: [TaskRecord] = [],
        statistics: ResourceStatistics? = nil
    ) {
        self.info = info
        self.source = source
        self.containerID = containerID
        self.directory = directory
        self.queuedTasks = queuedTasks
        self.tasks = tasks
        self.terminatedTasks = terminatedTasks
        self.completedTasks = completedTasks
        self.statistics = statistics
    }

    /// What its queued and running tasks hold (Mesos's `allocatedResources`; Corral's
    /// executors take nothing of their own): an ended executor holds nothing.
    public var resources: Resources {
        var total = Resources()
        for task in queuedTasks + tasks { total.add(task.resources) }
        return total
    }
}
