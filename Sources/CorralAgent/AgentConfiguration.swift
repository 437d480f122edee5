import CorralModel

public struct AgentConfiguration: Sendable {
    /// A local name, unique on the host: it names the agent's cgroup parent (`corral/<name>`).
    public var name: String
    public var hostname: String
    public var port: Int
    public var resources: Resources
    public var attributes: [Attribute]
    /// Sandboxes live under `<workDirectory>/agents/<agent id>/…`.
    public var workDirectory: String
    public var isolation: IsolationRequest
    /// How often usage is sampled and reported.
    public var usageInterval: Double = 1
    /// First re-send of an unacknowledged status update (then doubling, up to 10 minutes).
    public var statusRetryInterval: Double = 10
    /// Grace between SIGTERM and SIGKILL when neither the kill nor the task says.
    public var defaultKillGrace: Double = KillPolicy.default.gracePeriodSeconds

    public init(
        name: String, hostname: String = "localhost", port: Int = 5051, resources: Resources,
        attributes: [Attribute] = [], workDirectory: String, isolation: IsolationRequest = .auto
    ) {
        self.name = name
        self.hostname = hostname
        self.port = port
        self.resources = resources
        self.attributes = attributes
        self.workDirectory = workDirectory
        self.isolation = isolation
    }
}
