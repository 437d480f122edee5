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
    /// The apps of Services and the jobs of Jobs, whenever they change (or with every refresh).
    /// Nil means that framework is not running in this cluster; its pane says so.
    case frameworks(services: [ServiceRow]?, jobs: [JobRow]?)
    /// The console's own launches that wait for an offer that fits, whenever they change.
    case waitingLaunches([WaitingLaunch])
    /// The master's answer to `w` (`ConsoleEffect.explain`).
    case explanation(WhySubject, Why)
    /// Shows a guided tour's first step (`corral demo --tour`).
    case startTour(Tour)
    /// Replay only: where the replay stands, shown as the header's timeline.
    case replay(ReplayTimeline)
    /// Replay only: forget the cluster's state before the history is fed again from a keyframe.
    case rewind
}

/// A task the user asked for in the launch dialog.
public struct LaunchSpec: Hashable, Sendable {
    public var name: String
    public var command: String
    public var cpus: Double
    public var mem: Double
    public var instances: Int

    public init(name: String, command: String, cpus: Double, mem: Double, instances: Int) {
        self.name = name
        self.command = command
        self.cpus = cpus
        self.mem = mem
        self.instances = instances
    }
}

/// An app the user asked Services for in the new-app dialog.
public struct NewAppSpec: Hashable, Sendable {
    /// A path like `/web`, checked by the dialog.
    public var id: String
    public var command: String
    public var cpus: Double
    public var mem: Double
    public var instances: Int
    /// A shell command whose exit status 0 means healthy; nil for no health check.
    public var healthCommand: String?

    public init(id: String, command: String, cpus: Double, mem: Double, instances: Int, healthCommand: String? = nil) {
        self.id = id
        self.command = command
        self.cpus = cpus
        self.mem = mem
        self.instances = instances
        self.healthCommand = healthCommand
    }
}

/// What the console asks of the world; the runtime carries these out.
public enum ConsoleEffect: Hashable, Sendable {
    case launch(LaunchSpec)
    case kill(TaskKey, agentID: AgentID)
    /// Start (or stop, with nil) following a task's sandbox for its details view.
    case followSandbox(TaskKey?, agentID: AgentID?)
    case setRefreshInterval(Double)
    /// Ask Services to keep `instances` instances of the app.
    case scaleApp(id: String, instances: Int)
    /// Ask Services to create (and start) an app.
    case createApp(NewAppSpec)
    /// Ask Jobs to run the job now, outside its schedule.
    case runJob(name: String)
    /// Save the screen as it is now, as SVG and as plain text (the terminal side does it: it
    /// has the frame and the theme).
    case saveScreen
    /// Ask the master why (`w`): where a framework stands with the allocator, or why an offer
    /// went where it did. The answer comes back as `ConsoleMessage.explanation`.
    case explain(WhySubject)
    /// What a tour's step does to the cluster (the tour's director carries it out).
    case tour([TourAction])
    /// Replay this console's own history from this moment, in place (a tour's replay step):
    /// the terminal side opens it, and a tour key brings the live cluster back.
    case replay(from: Time)
    case quit
}
