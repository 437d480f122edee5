/// Corral's agent protocol on the wire (JSON over HTTP, written down in docs/agent-protocol.md).
/// An agent REGISTERs on a long-lived connection that streams `AgentEvent`s back; everything
/// else it says is a short `AgentCallMessage`.

/// A task an agent still runs, as it reports it when it re-registers.
public struct RunningTaskReport: Hashable, Sendable {
    public var frameworkID: FrameworkID
    public var task: TaskInfo
    public var state: TaskState
    public var executorID: ExecutorID?

    public init(frameworkID: FrameworkID, task: TaskInfo, state: TaskState, executorID: ExecutorID? = nil) {
        self.frameworkID = frameworkID
        self.task = task
        self.state = state
        self.executorID = executorID
    }
}

/// What an agent still holds when it registers again (after a lost connection, or a restart of
/// the agent or of the master): the frameworks whose tasks it has, and those tasks with their
/// latest state. A task whose terminal update is not acknowledged yet is listed with that state,
/// so that the master waits for the update instead of declaring the task lost.
public struct AgentInventory: Hashable, Sendable {
    public var frameworks: [FrameworkInfo]
    public var tasks: [RunningTaskReport]
    /// The agent drains: the master must not offer it from the moment it registers. (Said only
    /// after REGISTERED, a registration left a moment in which it was offered, and a launch
    /// there came back TASK_LOST.)
    public var draining: Bool

    public init(frameworks: [FrameworkInfo] = [], tasks: [RunningTaskReport] = [], draining: Bool = false) {
        self.frameworks = frameworks
        self.tasks = tasks
        self.draining = draining
    }

    public static let empty = AgentInventory()
}

/// What an agent says to its master.
public enum AgentCall: Hashable, Sendable {
    case register(AgentInfo, isolation: String, inventory: AgentInventory)
    case update(StatusUpdate)
    case usage(AgentUsage)
    /// "Still here": the master marks agents that stay silent unreachable.
    case ping
    /// The agent drains (SIGUSR1): its tasks are being killed, so it must not be offered.
    case draining
    case unregister(reason: String)

    public var typeName: String {
        switch self {
        case .register: "REGISTER"
        case .update: "UPDATE"
        case .usage: "USAGE"
        case .ping: "PING"
        case .draining: "DRAINING"
        case .unregister: "UNREGISTER"
        }
    }
}

public struct AgentCallMessage: Hashable, Sendable {
    /// Set on every call but REGISTER of a new agent.
    public var agentID: AgentID?
    public var call: AgentCall

    public init(agentID: AgentID?, call: AgentCall) {
        self.agentID = agentID
        self.call = call
    }
}

/// What the master streams to a registered agent.
public enum AgentEvent: Hashable, Sendable {
    case registered(AgentID, heartbeatIntervalSeconds: Double)
    case message(AgentMessage)
    case heartbeat
}
