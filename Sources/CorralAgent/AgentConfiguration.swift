import CorralModel

public struct AgentConfiguration: Sendable {
    /// What a restarted agent does with what its checkpoint says it ran (`--recover`).
    public enum Recovery: String, Sendable, CaseIterable {
        /// Take the tasks that still run over again, report those that ended (Mesos's default).
        case reconnect
        /// Kill whatever the checkpoint names and start clean (same agent ID).
        case cleanup
    }

    /// What happens to the tasks when the agent stops (cancelled).
    public enum Stopping: Sendable {
        /// An embedded agent: every task is killed, and the agent unregisters.
        case killTasks
        /// A standalone agent stopped by SIGTERM or Ctrl-C: its tasks go on under their
        /// supervisors, for the agent to take over again when it restarts.
        case leaveTasksRunning
    }

    /// A local name, unique on the host: it names the agent's cgroup parent (`corral/<name>`).
    /// An agent that restarts on its checkpoint keeps the name it had.
    public var name: String
    public var hostname: String
    public var port: Int
    public var resources: Resources
    public var attributes: [Attribute]
    /// Sandboxes live under `<workDirectory>/agents/<agent id>/…`.
    public var workDirectory: String
    /// Where the agent checkpoints what it needs to come back (`AgentCheckpoint`).
    public var checkpointDirectory: String
    public var isolation: IsolationRequest
    public var recovery: Recovery = .reconnect
    public var stopping: Stopping = .killTasks
    /// This boot's ID; nil reads the kernel's (tests pass another to play a reboot).
    public var bootID: String?
    /// How often usage is sampled and reported.
    public var usageInterval: Duration = .seconds(1)
    /// First re-send of an unacknowledged status update (then doubling, up to 10 minutes).
    public var statusRetryInterval: Duration = .seconds(10)
    /// Grace between SIGTERM and SIGKILL when neither the kill nor the task says.
    public var defaultKillGrace: Duration = .clampedSeconds(KillPolicy.default.gracePeriodSeconds)
    /// How long a draining agent waits for its tasks' ends to be acknowledged.
    public var drainTimeout: Duration = .seconds(30)
    /// Run each task as its user (CommandInfo.user, else FrameworkInfo.user), as Mesos's
    /// `--switch_user`; off, every task runs as the agent's user.
    public var switchUser = true
    /// Sandboxes of ended tasks are removed this long after they last changed, sooner as the
    /// disk fills (Mesos's `--gc_delay`: a week).
    public var gcDelay: Duration = .seconds(7 * 24 * 3600)
    /// The host of the master it joins, as its endpoints report it; nil for an agent in the
    /// master's process.
    public var masterHostname: String?
    /// What the agent's endpoints report as its version.
    public var version = MesosVersion.implemented

    public init(
        name: String, hostname: String = "localhost", port: Int = 5051, resources: Resources,
        attributes: [Attribute] = [], workDirectory: String, checkpointDirectory: String? = nil, isolation: IsolationRequest = .auto
    ) {
        self.name = name
        self.hostname = hostname
        self.port = port
        self.resources = resources
        self.attributes = attributes
        self.workDirectory = workDirectory
        self.checkpointDirectory = checkpointDirectory ?? workDirectory + "/meta"
        self.isolation = isolation
    }

    var core: AgentCore.Configuration {
        var core = AgentCore.Configuration()
        core.statusRetryInterval = statusRetryInterval
        core.defaultKillGrace = defaultKillGrace
        core.drainTimeout = drainTimeout
        return core
    }
}
