import ConsoleCore
import CorralConsole
import CorralJobs

/// Jobs in this process, as the console's Jobs pane reads and drives it.
extension JobsFramework: JobsLink, EmbeddedFramework {
    public func rows() async throws -> [JobRow] { jobs().map(JobRow.init) }
}

extension JobRow {
    init(_ job: JobSummary) {
        let result: ConsoleCore.JobResult =
            switch job.lastResult {
            case .fresh: .never
            case .success: .success
            case .failure: .failure
            }
        self.init(
            name: job.name,
            schedule: job.definition.schedule ?? "after " + job.definition.parents.joined(separator: ", "),
            nextRun: job.nextRun, lastResult: result, running: job.runningTasks.count,
            successCount: job.history.successCount, errorCount: job.history.errorCount, disabled: job.definition.disabled,
            history: job.history.runs.map {
                JobRunRow(
                    taskID: $0.taskID.value, startedAt: $0.startedAt, endedAt: $0.endedAt, state: $0.state.rawValue,
                    message: $0.message ?? $0.exitStatus.map { "exit status \($0)" })
            },
            queued: job.queuedRuns, waitingReason: job.waitingReason, parents: job.definition.parents, parentsPending: job.parentsPending)
    }
}
