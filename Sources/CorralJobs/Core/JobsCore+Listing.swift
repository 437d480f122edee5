import CorralModel

extension JobsCore {
    /// One job as listings show it; nil for an unknown name.
    public func summary(of name: String, now: ClusterInstant) -> JobSummary? {
        guard let job = jobs[name] else { return nil }
        let record = history[name] ?? JobHistory()
        let tasks = record.runs.filter(\.isRunning).map(\.taskID)
        let queued = pending.filter { $0.name == name }.count
        // A run that waits for its job's report is not over: the job still runs, as far as
        // its schedule and its children know.
        let open = record.runs.contains(where: \.isOpen)
        let state: JobSummary.State = open ? .running : queued > 0 ? .queued : .idle
        // Queued or running, a dependent job waits for its parents no longer.
        let pendingParents = state != .idle ? [] : job.parents.filter { parent in
            guard let success = history[parent]?.lastSuccess else { return true }
            return record.lastRun.map { success <= $0 } ?? false
        }
        return JobSummary(
            definition: job, history: record, state: state, nextRun: nextRun(of: name, now: now), runningTasks: tasks, queuedRuns: queued,
            waitingReason: queued > 0 ? waitingReasons[name] : nil, parentsPending: pendingParents)
    }

    /// Every job, by name.
    public func summaries(now: ClusterInstant) -> [JobSummary] {
        jobs.keys.sorted().compactMap { summary(of: $0, now: now) }
    }

    /// Chronos's `/v1/scheduler/graph/csv`: `node,<name>,<last result>,<state>` per job, then
    /// `link,<parent>,<child>` per dependency.
    public func graphCSV(now: ClusterInstant) -> String {
        graph.csv { name in
            let summary = summary(of: name, now: now)
            return (status: summary?.state.rawValue ?? "idle", lastResult: summary?.lastResult.rawValue ?? "fresh")
        }
    }
}
