import CorralModel

/// A task as its agent tracks it: what was launched, where its container is, and how far along
/// it is.
public struct AgentTask: Hashable, Sendable {
    public var info: TaskInfo
    public var frameworkID: FrameworkID
    public var executor: ExecutorInfo?
    public var containerID: String
    /// The state the agent last reported.
    public var state: TaskState = .staging
    /// Its container runs (or ran): launched, or found again after a restart.
    public var launched = false
    public var containerEnded = false
    public var killRequested = false
    /// When a kill's SIGTERM turns into SIGKILL.
    var killDeadline: ClusterInstant?
    /// The grace a kill asked for before the container started, applied when it does.
    var pendingKillGrace: Duration?

    public var key: TaskKey { TaskKey(frameworkID, info.taskID) }

    var record: AgentCheckpoint.TaskRecord {
        AgentCheckpoint.TaskRecord(frameworkID: frameworkID, containerID: containerID, info: info, executor: executor)
    }
}
