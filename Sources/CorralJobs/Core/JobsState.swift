import CorralModel

/// A run waiting for an offer.
public struct PendingRun: Hashable, Sendable {
    public var name: String
    /// 0 for a run's first try, then 1, 2, … for its retries.
    public var attempt: Int
    public var triesLeft: Int
    public var queuedAt: Time

    public init(name: String, attempt: Int = 0, triesLeft: Int, queuedAt: Time) {
        self.name = name
        self.attempt = attempt
        self.triesLeft = triesLeft
        self.queuedAt = queuedAt
    }
}

/// Everything Jobs must remember across a restart: what `JobsStore` keeps. Tasks still running
/// are the runs in `history` whose state is not terminal.
public struct JobsState: Hashable, Sendable {
    public var jobs: [String: JobDefinition]
    public var history: [String: JobHistory]
    public var pending: [PendingRun]

    public init(jobs: [String: JobDefinition] = [:], history: [String: JobHistory] = [:], pending: [PendingRun] = []) {
        self.jobs = jobs
        self.history = history
        self.pending = pending
    }
}
