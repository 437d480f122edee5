/// What the master and its agents say to each other, whatever carries it (in process, or HTTP).

/// What a task launch asks of an agent.
public struct LaunchRequest: Hashable, Sendable {
    /// The framework as it subscribed (its `id` is set): the agent needs its name and
    /// capabilities (TASK_KILLING_STATE) to run its tasks the way it expects.
    public var framework: FrameworkInfo
    public var tasks: [TaskInfo]
    /// Set for LAUNCH_GROUP: the tasks run together under this executor.
    public var executor: ExecutorInfo?

    public init(framework: FrameworkInfo, tasks: [TaskInfo], executor: ExecutorInfo? = nil) {
        self.framework = framework
        self.tasks = tasks
        self.executor = executor
    }

    public var frameworkID: FrameworkID { framework.id ?? FrameworkID("") }
}

/// An update an agent reports for one of its tasks.
public struct StatusUpdate: Hashable, Sendable {
    public var frameworkID: FrameworkID
    public var status: TaskStatus

    public init(frameworkID: FrameworkID, status: TaskStatus) {
        self.frameworkID = frameworkID
        self.status = status
    }
}

/// A message from the master to an agent.
public enum AgentMessage: Hashable, Sendable {
    case launch(LaunchRequest)
    case kill(FrameworkID, TaskID, KillPolicy?)
    case acknowledge(FrameworkID, TaskID, uuid: [UInt8])
    case shutdownFramework(FrameworkID)
    /// The master will not have this agent any more (an operator marked it gone): it kills its
    /// tasks and stops instead of registering again.
    case shutdown(reason: String)
}
