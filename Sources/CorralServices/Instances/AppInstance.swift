import CorralModel

/// One task of an app, as Services tracks it: where it runs, which version of the app it was
/// launched from, and what its last status said.
public struct AppInstance: Hashable, Sendable {
    public var taskID: TaskID
    public var appID: AppID
    public var site: PlacementSite
    /// The app version (a timestamp) the task was launched from; a rolling update replaces the
    /// instances whose version is not the app's.
    public var version: String
    public var ports: [Int]
    public var state: TaskState
    /// The last health check result from the agent; nil until the first one (or without checks).
    public var healthy: Bool?
    public var stagedAt: Time
    public var startedAt: Time?
    /// Services asked for this task to be killed: it no longer counts towards the app.
    public var killing = false
    /// When the master said the task's agent is unreachable (TASK_UNREACHABLE); nil once it is
    /// reachable again.
    public var unreachableSince: ClusterInstant?
    /// Unreachable for longer than the app's `inactiveAfterSeconds`: it no longer counts, and a
    /// replacement starts.
    public var inactive = false
    /// Whether the task's state was confirmed since Services last subscribed: after every
    /// subscription each instance waits for the master's answer to reconciliation. Unconfirmed
    /// ones count towards the app, so that nothing is launched twice, but not as running.
    public var confirmed = true
    /// How the instance stands with its app's readiness check (nil until it is first probed).
    public var readiness: ReadinessProgress?

    public init(
        taskID: TaskID, appID: AppID, site: PlacementSite, version: String, ports: [Int] = [], state: TaskState = .staging,
        stagedAt: Time, startedAt: Time? = nil, healthy: Bool? = nil, confirmed: Bool = true
    ) {
        self.taskID = taskID
        self.appID = appID
        self.site = site
        self.version = version
        self.ports = ports
        self.state = state
        self.stagedAt = stagedAt
        self.startedAt = startedAt
        self.healthy = healthy
        self.confirmed = confirmed
    }

    var isRunning: Bool { state == .running && confirmed }
    var isStaged: Bool { state == .staging || state == .starting }
}
