import CorralModel

/// One job as listings show it (the REST API's job list, the console's Jobs pane).
public struct JobSummary: Hashable, Sendable {
    public enum State: String, Hashable, Sendable {
        /// Nothing queued or running.
        case idle
        /// A run waits for an offer.
        case queued
        /// A task of the job is on the cluster.
        case running
    }

    public var definition: JobDefinition
    public var history: JobHistory
    public var state: State
    /// When the schedule next runs the job; nil for dependent, disabled or finished jobs.
    public var nextRun: Time?
    public var runningTasks: [TaskID]
    public var queuedRuns: Int
    /// While runs are queued: why the last offer could not take one.
    public var waitingReason: String?
    /// For a dependent job: the parents that have not succeeded since its last run.
    public var parentsPending: [String]

    public var name: String { definition.name }
    public var lastResult: JobResult { history.lastResult }
    /// The latest try, running or ended.
    public var latestRun: JobHistory.Run? { history.runs.last }
}
