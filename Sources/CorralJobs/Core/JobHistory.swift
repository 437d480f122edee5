import CorralModel

/// What happened to a job: Chronos's counters, where its schedule has got to, and its last runs.
public struct JobHistory: Hashable, Sendable {
    /// One try of a run: a task on the cluster.
    public struct Run: Hashable, Sendable {
        public var taskID: TaskID
        public var agentID: AgentID?
        /// 0 for the first try of a run, 1 for its first retry, …
        public var attempt: Int
        /// Retries still allowed should this try fail.
        public var triesLeft: Int
        public var startedAt: Time
        public var endedAt: Time?
        public var state: TaskState
        public var message: String?
        /// The command's exit status, when the agent said it (0 for a finished run).
        public var exitStatus: Int?
        /// Where an `async` job's word on the run stands; nil for other jobs' runs, and for a run
        /// whose task failed before the job said anything.
        public var report: Report?

        public init(
            taskID: TaskID, agentID: AgentID? = nil, attempt: Int = 0, triesLeft: Int = 0, startedAt: Time, endedAt: Time? = nil,
            state: TaskState = .staging, message: String? = nil, exitStatus: Int? = nil, report: Report? = nil
        ) {
            self.taskID = taskID
            self.agentID = agentID
            self.attempt = attempt
            self.triesLeft = triesLeft
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.state = state
            self.message = message
            self.exitStatus = exitStatus
            self.report = report
        }

        /// Its task is on the cluster.
        public var isRunning: Bool { !state.isTerminal }
        /// The status an `async` job reported on the run, once it has.
        public var reportedStatus: Int? {
            if case .received(let status) = report { status } else { nil }
        }

        /// The run succeeded: its task finished, or, for an `async` job, the job said so.
        public var succeeded: Bool {
            guard let report else { return state == .finished }
            return report == .received(statusCode: 0)
        }

        /// The run is not over: its task runs, or it finished and the job has not reported yet.
        public var isOpen: Bool { isRunning || (report == .awaited && state == .finished) }
    }

    /// An `async` job's run is over when the job says how it went (Chronos's
    /// `PUT /v1/scheduler/task/<task ID>` with `{"statusCode": N}`), not when its task finishes:
    /// the task may have started work elsewhere that goes on after it.
    public enum Report: Hashable, Sendable {
        /// The job has not said yet.
        case awaited
        /// The job said: 0 is a success, anything else a failure.
        case received(statusCode: Int)
    }

    /// Runs that succeeded.
    public var successCount = 0
    /// Runs that failed after their retries (Chronos counts a run once, not each try).
    public var errorCount = 0
    public var errorsSinceLastSuccess = 0
    public var lastSuccess: Time?
    public var lastError: Time?
    /// When a run of the job was last queued (by its schedule, its parents, or by hand).
    public var lastRun: Time?
    /// The latest scheduled time already used (run or skipped); the schedule continues after it.
    public var scheduledThrough: Time?
    /// Scheduled times used so far, which `R<n>` limits.
    public var runsSoFar = 0
    /// The latest tries, oldest first; at most `kept`.
    public var runs: [Run] = []

    public init() {}

    static let kept = 20

    mutating func record(_ run: Run) {
        runs.append(run)
        if runs.count > Self.kept { runs.removeFirst(runs.count - Self.kept) }
    }

    /// Whether the last result was a success, a failure, or there is none yet (Chronos's
    /// "fresh").
    public var lastResult: JobResult {
        switch (lastSuccess, lastError) {
        case (nil, nil): .fresh
        case (.some, nil): .success
        case (nil, .some): .failure
        case (.some(let success), .some(let error)): success >= error ? .success : .failure
        }
    }
}

public enum JobResult: String, Hashable, Sendable {
    case fresh, success, failure
}
