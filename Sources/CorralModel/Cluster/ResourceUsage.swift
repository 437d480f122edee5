/// What a container (or a whole agent) used, as its cgroup or /proc reports it.
public struct ResourceUsage: Hashable, Sendable {
    /// Cores in use over the last sampling interval (1.5 = one and a half cores busy).
    public var cpusUsed: Double
    /// Cumulative cpu time, seconds.
    public var cpuTimeSeconds: Double
    public var memoryBytes: UInt64
    public var memoryLimitBytes: UInt64?
    /// Cumulative time the CFS quota held the container back, seconds.
    public var throttledSeconds: Double
    /// Fraction of the last interval spent throttled (0…1): what the console shows.
    public var throttledFraction: Double
    public var processes: Int
    public var timestamp: Time

    public init(
        cpusUsed: Double = 0, cpuTimeSeconds: Double = 0, memoryBytes: UInt64 = 0,
        memoryLimitBytes: UInt64? = nil, throttledSeconds: Double = 0, throttledFraction: Double = 0,
        processes: Int = 0, timestamp: Time = .zero
    ) {
        self.cpusUsed = cpusUsed
        self.cpuTimeSeconds = cpuTimeSeconds
        self.memoryBytes = memoryBytes
        self.memoryLimitBytes = memoryLimitBytes
        self.throttledSeconds = throttledSeconds
        self.throttledFraction = throttledFraction
        self.processes = processes
        self.timestamp = timestamp
    }
}

/// One sampling of an agent: its tasks and itself.
public struct AgentUsage: Hashable, Sendable {
    public var agentID: AgentID
    public var total: ResourceUsage
    public var tasks: [TaskKey: ResourceUsage]

    public init(agentID: AgentID, total: ResourceUsage, tasks: [TaskKey: ResourceUsage]) {
        self.agentID = agentID
        self.total = total
        self.tasks = tasks
    }
}

/// Task IDs are unique within a framework, not across the cluster.
public struct TaskKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var frameworkID: FrameworkID
    public var taskID: TaskID

    public init(_ frameworkID: FrameworkID, _ taskID: TaskID) {
        self.frameworkID = frameworkID
        self.taskID = taskID
    }

    public static func < (lhs: TaskKey, rhs: TaskKey) -> Bool {
        (lhs.frameworkID, lhs.taskID) < (rhs.frameworkID, rhs.taskID)
    }

    public var description: String { "\(frameworkID)/\(taskID)" }
}
