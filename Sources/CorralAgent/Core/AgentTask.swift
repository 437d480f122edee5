import CorralModel

/// A task as its agent tracks it: what was launched, where its container is, and how far along
/// it is.
public struct AgentTask: Hashable, Sendable {
    public var info: TaskInfo
    public var frameworkID: FrameworkID
    /// The framework as it launched the task: what the agent's endpoints show of it once the
    /// task has ended and the agent has let go of the framework.
    public var framework: FrameworkInfo?
    public var executor: ExecutorInfo?
    public var containerID: String
    /// The state the agent last reported.
    public var state: TaskState = .staging
    /// What the agent reported, oldest first (the first kept and the latest `statusLimit`):
    /// what its endpoints show of the task.
    public var statuses: [TaskStatus] = []
    /// Its container runs (or ran): launched, or found again after a restart.
    public var launched = false
    public var containerEnded = false
    public var killRequested = false
    /// When a kill's SIGTERM turns into SIGKILL.
    var killDeadline: ClusterInstant?
    /// The grace a kill asked for before the container started, applied when it does.
    var pendingKillGrace: Duration?

    public var key: TaskKey { TaskKey(frameworkID, info.taskID) }

    /// A task whose health flaps reports RUNNING again and again for as long as it runs.
    static let statusLimit = 50

    /// Records a status the agent reported. Beyond `statusLimit` the oldest but the first go:
    /// the first says when the task started, which tools sort by.
    mutating func append(_ status: TaskStatus) {
        state = status.state
        statuses.append(status)
        if statuses.count > Self.statusLimit { statuses.remove(at: 1) }
    }

    var record: AgentCheckpoint.TaskRecord {
        AgentCheckpoint.TaskRecord(frameworkID: frameworkID, containerID: containerID, info: info, executor: executor)
    }
}
