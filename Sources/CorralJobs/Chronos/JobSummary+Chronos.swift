import CorralMesosJSON
import CorralModel

extension JobSummary {
    /// The job as `GET /v1/scheduler/jobs` lists it: its definition with Chronos's counters.
    public func writeChronosJSON(to writer: inout MesosJSONWriter) {
        definition.writeChronosJSON(to: &writer, history: history)
    }

    /// `GET /v1/scheduler/job/stat/NAME`: Chronos's `histogram` of how long successful runs took
    /// (in seconds, over the runs kept) and `taskStatHistory`, newest first; then the counters,
    /// the job's state and its next scheduled run.
    public func chronosStatsJSON() -> [UInt8] {
        let statistics = RunTimeStatistics(history)
        var writer = MesosJSONWriter()
        writer.writeObject { writer in
            writer.field("histogram", object: { writer in
                for name in RunTimeStatistics.names {
                    writer.key(name)
                    writer.number(statistics.value(named: name) ?? 0)
                }
                writer.field("count", statistics.count)
            })
            writer.key("taskStatHistory")
            writer.writeArray { writer in
                for run in history.runs.reversed() {
                    writer.writeObject { writer in
                        writer.field("taskId", run.taskID.value)
                        writer.field("jobName", name)
                        writer.field("slaveId", run.agentID?.value ?? "")
                        writer.field("startTime", ChronosTime.format(run.startedAt))
                        writer.field("endTime", ChronosTime.format(run.endedAt))
                        writer.field("status", Self.status(of: run.state))
                        writer.field("taskState", run.state.rawValue)
                        writer.field("attempt", run.attempt)
                        writer.field("exitStatus", ifPresent: run.exitStatus)
                        writer.field("message", run.message ?? "")
                    }
                }
            }
            writer.field("successCount", history.successCount)
            writer.field("errorCount", history.errorCount)
            writer.field("errorsSinceLastSuccess", history.errorsSinceLastSuccess)
            writer.field("lastSuccess", ChronosTime.format(history.lastSuccess))
            writer.field("lastError", ChronosTime.format(history.lastError))
            writer.field("state", state.rawValue)
            writer.field("nextRun", ChronosTime.format(nextRun))
        }
        return writer.bytes
    }

    /// Chronos's words for how a task ended.
    static func status(of state: TaskState) -> String {
        switch state {
        case .finished: "success"
        case .killed: "killed"
        case _ where state.isTerminal: "failure"
        default: "running"
        }
    }
}
