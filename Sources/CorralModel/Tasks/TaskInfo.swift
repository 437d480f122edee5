/// A framework's description of a task to launch on the agent of the offers it accepts.
public struct TaskInfo: Hashable, Sendable {
    public var name: String
    public var taskID: TaskID
    public var agentID: AgentID
    public var resources: Resources
    public var command: CommandInfo?
    public var executor: ExecutorInfo?
    public var killPolicy: KillPolicy?
    public var healthCheck: HealthCheck?
    public var labels: [Label]
    public var discovery: DiscoveryInfo?

    public init(
        name: String, taskID: TaskID, agentID: AgentID, resources: Resources,
        command: CommandInfo? = nil, executor: ExecutorInfo? = nil, killPolicy: KillPolicy? = nil,
        healthCheck: HealthCheck? = nil, labels: [Label] = [], discovery: DiscoveryInfo? = nil
    ) {
        self.name = name
        self.taskID = taskID
        self.agentID = agentID
        self.resources = resources
        self.command = command
        self.executor = executor
        self.killPolicy = killPolicy
        self.healthCheck = healthCheck
        self.labels = labels
        self.discovery = discovery
    }
}

/// How long a task gets between SIGTERM and SIGKILL.
public struct KillPolicy: Hashable, Sendable {
    public var gracePeriodSeconds: Double

    public init(gracePeriodSeconds: Double) { self.gracePeriodSeconds = gracePeriodSeconds }

    /// Mesos's command executor waits 3 seconds.
    public static let `default` = KillPolicy(gracePeriodSeconds: 3)
}

public struct Label: Hashable, Sendable {
    public var key: String
    public var value: String?

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

/// An executor for LAUNCH_GROUP (type DEFAULT) or a custom one. Corral runs the group's tasks
/// itself, as Mesos's default executor does.
public struct ExecutorInfo: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case `default` = "DEFAULT"
        case custom = "CUSTOM"
    }

    public var executorID: ExecutorID
    public var frameworkID: FrameworkID?
    public var kind: Kind?
    public var name: String?
    public var command: CommandInfo?
    public var resources: Resources

    public init(
        executorID: ExecutorID, frameworkID: FrameworkID? = nil, kind: Kind? = .default,
        name: String? = nil, command: CommandInfo? = nil, resources: Resources = Resources()
    ) {
        self.executorID = executorID
        self.frameworkID = frameworkID
        self.kind = kind
        self.name = name
        self.command = command
        self.resources = resources
    }
}

/// A health check run next to the task, as Mesos's executors do.
public struct HealthCheck: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case command = "COMMAND"
        case http = "HTTP"
        case tcp = "TCP"
    }

    public var kind: Kind
    public var delaySeconds: Double
    public var intervalSeconds: Double
    public var timeoutSeconds: Double
    public var consecutiveFailures: Int
    public var gracePeriodSeconds: Double
    public var command: CommandInfo?
    public var port: UInt32?
    public var path: String?

    public init(
        kind: Kind, delaySeconds: Double = 15, intervalSeconds: Double = 10,
        timeoutSeconds: Double = 20, consecutiveFailures: Int = 3, gracePeriodSeconds: Double = 10,
        command: CommandInfo? = nil, port: UInt32? = nil, path: String? = nil
    ) {
        self.kind = kind
        self.delaySeconds = delaySeconds
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.consecutiveFailures = consecutiveFailures
        self.gracePeriodSeconds = gracePeriodSeconds
        self.command = command
        self.port = port
        self.path = path
    }
}
