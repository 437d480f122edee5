import CorralModel

/// One app of the Services framework as the console shows it: plain data the session fills in
/// from Services' state, so that ConsoleCore needs nothing of CorralServices.
public struct ServiceRow: Hashable, Sendable {
    /// The app id, a path like `/web`.
    public var id: String
    public var running: Int
    public var healthy: Int
    public var staged: Int
    public var wanted: Int
    public var status: ServiceState
    /// Per instance.
    public var cpus: Double
    /// Per instance, in MB.
    public var mem: Double
    public var tasks: [ServiceTaskRow]
    public var deployments: [DeploymentRow]
    /// While instances are missing: why each agent's last offer could not take one.
    public var waitingOn: [AgentWait]

    public init(
        id: String, running: Int = 0, healthy: Int = 0, staged: Int = 0, wanted: Int, status: ServiceState, cpus: Double, mem: Double,
        tasks: [ServiceTaskRow] = [], deployments: [DeploymentRow] = [], waitingOn: [AgentWait] = []
    ) {
        self.id = id
        self.running = running
        self.healthy = healthy
        self.staged = staged
        self.wanted = wanted
        self.status = status
        self.cpus = cpus
        self.mem = mem
        self.tasks = tasks
        self.deployments = deployments
        self.waitingOn = waitingOn
    }
}

/// Why one agent's last offer could not take an instance of an app, in a sentence.
public struct AgentWait: Hashable, Sendable {
    public var host: String
    public var reason: String

    public init(host: String, reason: String) {
        self.host = host
        self.reason = reason
    }
}

/// Where an app stands, as Services reports it.
public enum ServiceState: Hashable, Sendable {
    /// As many instances as wanted, all running.
    case running
    /// Instances are being started, stopped or replaced.
    case deploying
    /// Instances are wanted but no offer can take them; the reason says why.
    case waiting(reason: String)
    /// Relaunches are held back after failures, for this many more seconds.
    case delayed(seconds: Double)
    /// No instances wanted and none left.
    case suspended
}

/// One instance of an app.
public struct ServiceTaskRow: Hashable, Sendable {
    public var taskID: String
    /// The agent's hostname (or id when the host is unknown).
    public var host: String
    /// A Mesos task state name, like `TASK_RUNNING`.
    public var state: String
    /// Nil when the app has no health check or none has answered yet.
    public var healthy: Bool?
    public var startedAt: Time?
    /// The app definition version the instance runs.
    public var version: String

    public init(taskID: String, host: String, state: String, healthy: Bool? = nil, startedAt: Time? = nil, version: String) {
        self.taskID = taskID
        self.host = host
        self.state = state
        self.healthy = healthy
        self.startedAt = startedAt
        self.version = version
    }
}

/// A deployment of an app in progress: which step of how many.
public struct DeploymentRow: Hashable, Sendable {
    public var id: String
    /// What the steps do, like "start 2 of /web, stop 1".
    public var steps: String
    public var currentStep: Int
    public var totalSteps: Int
    public var startedAt: Time

    public init(id: String, steps: String, currentStep: Int, totalSteps: Int, startedAt: Time) {
        self.id = id
        self.steps = steps
        self.currentStep = currentStep
        self.totalSteps = totalSteps
        self.startedAt = startedAt
    }
}
