/// A status update for one task. Updates from agents carry a `uuid` and are re-sent until the
/// framework acknowledges them; updates the master makes up itself carry none.
public struct TaskStatus: Hashable, Sendable {
    public enum Source: String, Hashable, Sendable {
        case master = "SOURCE_MASTER"
        case agent = "SOURCE_AGENT"
        case executor = "SOURCE_EXECUTOR"
    }

    public enum Reason: String, Hashable, Sendable {
        case commandExecutorFailed = "REASON_COMMAND_EXECUTOR_FAILED"
        case containerLaunchFailed = "REASON_CONTAINER_LAUNCH_FAILED"
        case containerLimitationMemory = "REASON_CONTAINER_LIMITATION_MEMORY"
        case taskKilledDuringLaunch = "REASON_TASK_KILLED_DURING_LAUNCH"
        case invalidOffers = "REASON_INVALID_OFFERS"
        case agentRemoved = "REASON_AGENT_REMOVED"
        case agentRemovedByOperator = "REASON_AGENT_REMOVED_BY_OPERATOR"
        case agentDraining = "REASON_AGENT_DRAINING"
        case agentDisconnected = "REASON_AGENT_DISCONNECTED"
        case agentUnknown = "REASON_AGENT_UNKNOWN"
        case agentRestarted = "REASON_AGENT_RESTARTED"
        case reconciliation = "REASON_RECONCILIATION"
        case taskInvalid = "REASON_TASK_INVALID"
        case taskUnauthorized = "REASON_TASK_UNAUTHORIZED"
        case taskGroupInvalid = "REASON_TASK_GROUP_INVALID"
        case taskUnknown = "REASON_TASK_UNKNOWN"
        case executorTerminated = "REASON_EXECUTOR_TERMINATED"
        case frameworkRemoved = "REASON_FRAMEWORK_REMOVED"
        case taskHealthCheckStatusUpdated = "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED"
        case taskChecksStatusUpdated = "REASON_TASK_CHECK_STATUS_UPDATED"
        case masterDisconnected = "REASON_MASTER_DISCONNECTED"
        case resourcesUnknown = "REASON_RESOURCES_UNKNOWN"
    }

    public var taskID: TaskID
    public var state: TaskState
    public var source: Source?
    public var reason: Reason?
    public var message: String?
    public var agentID: AgentID?
    public var executorID: ExecutorID?
    public var timestamp: Time?
    /// 16 bytes identifying an agent's update, echoed by ACKNOWLEDGE. Nil for master updates.
    public var uuid: [UInt8]?
    public var healthy: Bool?
    /// The container the task runs in, on updates from its agent (as Mesos's executors say).
    public var containerStatus: ContainerStatus?

    public init(
        taskID: TaskID, state: TaskState, source: Source? = nil, reason: Reason? = nil,
        message: String? = nil, agentID: AgentID? = nil, executorID: ExecutorID? = nil,
        timestamp: Time? = nil, uuid: [UInt8]? = nil, healthy: Bool? = nil, containerStatus: ContainerStatus? = nil
    ) {
        self.taskID = taskID
        self.state = state
        self.source = source
        self.reason = reason
        self.message = message
        self.agentID = agentID
        self.executorID = executorID
        self.timestamp = timestamp
        self.uuid = uuid
        self.healthy = healthy
        self.containerStatus = containerStatus
    }
}

/// Where a task runs on its agent: Mesos's `ContainerStatus`, of which Corral knows the ID.
public struct ContainerStatus: Hashable, Sendable {
    public var containerID: ContainerID

    public init(containerID: ContainerID) { self.containerID = containerID }
}
