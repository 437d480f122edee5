import CorralModel

/// Jobs' main counts at one moment, read from its job listings: jobs, runs queued, tasks on the
/// cluster, runs waiting for an async job's report, and each job's Chronos counters (kept
/// across restarts). What every metrics endpoint of Jobs reports, from this one reading.
public struct JobsMetrics: Hashable, Sendable {
    /// One job's counters, as its listing shows them.
    public struct Job: Hashable, Sendable {
        public var name: String
        public var successes: Int
        public var failures: Int
        public var lastSuccess: Time?
        public var lastFailure: Time?
    }

    public var jobs = 0
    public var disabled = 0
    public var queuedRuns = 0
    public var runningTasks = 0
    public var awaitingReports = 0
    /// By name.
    public var perJob: [Job] = []

    public init(_ summaries: [JobSummary]) {
        jobs = summaries.count
        for summary in summaries.sorted(by: { $0.name < $1.name }) {
            if summary.definition.disabled { disabled += 1 }
            queuedRuns += summary.queuedRuns
            runningTasks += summary.runningTasks.count
            awaitingReports += summary.history.runs.count { $0.isOpen && !$0.isRunning }
            perJob.append(Job(
                name: summary.name, successes: summary.history.successCount, failures: summary.history.errorCount,
                lastSuccess: summary.history.lastSuccess, lastFailure: summary.history.lastError))
        }
    }
}
