import CorralModel

/// One job of the Jobs framework as the console shows it: plain data the session fills in from
/// Jobs' state, so that ConsoleCore needs nothing of CorralJobs.
public struct JobRow: Hashable, Sendable {
    public var name: String
    /// The ISO 8601 repeating schedule (`R/2025-01-01T00:00:00Z/PT1H`), or `after a, b` for a
    /// job that runs when its parents succeed.
    public var schedule: String
    /// Nil when nothing is scheduled (dependent jobs, finished repetitions, disabled jobs).
    public var nextRun: Time?
    public var lastResult: JobResult
    /// Runs in progress now.
    public var running: Int
    public var successCount: Int
    public var errorCount: Int
    public var disabled: Bool
    /// Recent runs, oldest first.
    public var history: [JobRunRow]
    /// Runs that are due and wait for an offer, and why the last offer could not take one.
    public var queued: Int
    public var waitingReason: String?
    /// For a dependent job: its parents, and those that have not succeeded since its last run
    /// (empty where the framework does not say, as Chronos's API).
    public var parents: [String]
    public var parentsPending: [String]

    public init(
        name: String, schedule: String, nextRun: Time? = nil, lastResult: JobResult = .never, running: Int = 0, successCount: Int = 0,
        errorCount: Int = 0, disabled: Bool = false, history: [JobRunRow] = [], queued: Int = 0, waitingReason: String? = nil,
        parents: [String] = [], parentsPending: [String] = []
    ) {
        self.name = name
        self.schedule = schedule
        self.nextRun = nextRun
        self.lastResult = lastResult
        self.running = running
        self.successCount = successCount
        self.errorCount = errorCount
        self.disabled = disabled
        self.history = history
        self.queued = queued
        self.waitingReason = waitingReason
        self.parents = parents
        self.parentsPending = parentsPending
    }
}

/// How a job's last finished run ended.
public enum JobResult: String, Hashable, Sendable {
    case success, failure, never
}

/// One run of a job.
public struct JobRunRow: Hashable, Sendable {
    public var taskID: String
    public var startedAt: Time
    /// Nil while the run is in progress.
    public var endedAt: Time?
    /// A Mesos task state name, like `TASK_FINISHED`.
    public var state: String
    public var message: String?

    public init(taskID: String, startedAt: Time, endedAt: Time? = nil, state: String, message: String? = nil) {
        self.taskID = taskID
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.state = state
        self.message = message
    }
}
