import CorralModel

/// Everything the console reacts to.
public enum ConsoleMessage: Sendable {
    case key(Key)
    /// Time passed; `now` ages rows and expires flashes.
    case tick(now: Time)
    /// A fresh picture of the cluster, with the events since the last one.
    case cluster(ClusterSnapshot, events: [ClusterEvent])
    /// The latest tail of a task's sandbox files, for its details view.
    case sandbox(TaskKey, stdout: String, stderr: String)
    /// Something the runtime wants the user to see (a launch that could not be sent, …).
    case notice(String, isError: Bool)
}

/// A task the user asked for in the launch dialog.
public struct LaunchSpec: Hashable, Sendable {
    public var name: String
    public var command: String
    public var cpus: Double
    public var mem: Double
    public var instances: Int
}

/// What the console asks of the world; the runtime carries these out.
public enum ConsoleEffect: Hashable, Sendable {
    case launch(LaunchSpec)
    case kill(TaskKey, agentID: AgentID)
    /// Start (or stop, with nil) following a task's sandbox for its details view.
    case followSandbox(TaskKey?, agentID: AgentID?)
    case setRefreshInterval(Double)
    case quit
}
