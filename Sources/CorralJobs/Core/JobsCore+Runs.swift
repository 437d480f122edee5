import CorralModel

extension JobsCore {
    /// Records a task's new state. A success wakes the jobs whose parents have now all
    /// succeeded; a failure is retried while tries are left, then counted as an error. A killed
    /// run was killed on purpose: it counts as an error and is not retried.
    ///
    /// An `async` job's run does not end when its task finishes: it waits for the job's report
    /// (see `report`), and until then a job that is not `concurrent` runs no other, as Chronos's
    /// did. A task that fails before the job reports ends its run as a failure.
    public mutating func update(_ status: TaskStatus, now: ClusterInstant) {
        guard let name = running[status.taskID] else { return }
        noteReachability(status, now: now)
        var state = status.state
        // Reconciliation after a restart: a task the master no longer knows is over.
        if state == .unknown, status.reason == .reconciliation { state = .lost }
        guard let index = history[name]?.runs.lastIndex(where: { $0.taskID == status.taskID }) else { return }
        var run = history[name]!.runs[index]
        guard run.isRunning else { return }  // a finished task's status again, while its job's report is awaited
        run.state = state
        if run.agentID == nil { run.agentID = status.agentID }
        if let message = status.message, !message.isEmpty { run.message = message }
        if state.isTerminal {
            run.endedAt = now.wall
            run.exitStatus = state == .finished ? 0 : Self.exitStatus(in: status.message)
            if run.report == .awaited, state != .finished { run.report = nil }
        }
        history[name]!.runs[index] = run
        guard state.isTerminal, !run.isOpen else { return }
        running[status.taskID] = nil
        if case .received = run.report { return }  // the job's report decided the run already
        settle(name, run, succeeded: state == .finished, retryable: state != .killed, now: now)
    }

    /// An `async` job's word on a run, by its task (Chronos's `PUT /v1/scheduler/task/<task ID>`
    /// with `{"statusCode": N}`): 0 is a success, anything else a failure, retried while the run
    /// has tries left. The task may still be running; its end then changes nothing more.
    public mutating func report(_ taskID: TaskID, statusCode: Int, now: ClusterInstant) throws(JobsError) {
        guard let name = history.first(where: { $0.value.runs.contains { $0.taskID == taskID } })?.key,
            let index = history[name]!.runs.lastIndex(where: { $0.taskID == taskID })
        else { throw .unknownTask(taskID) }
        var run = history[name]!.runs[index]
        guard run.report == .awaited, run.isOpen else { throw .reportNotAwaited(taskID, job: name) }
        run.report = .received(statusCode: statusCode)
        history[name]!.runs[index] = run
        if !run.isRunning { running[taskID] = nil }
        settle(name, run, succeeded: statusCode == 0, retryable: true, now: now)
    }

    /// Stops waiting for the job's word on the runs whose tasks finished: each counts as killed.
    mutating func abandonReports(of name: String, now: ClusterInstant) {
        for index in history[name]!.runs.indices {
            let run = history[name]!.runs[index]
            guard run.isOpen, !run.isRunning else { continue }
            history[name]!.runs[index].report = nil
            history[name]!.runs[index].message = "Killed while the job's report on the run was awaited"
            running[run.taskID] = nil
            settle(name, run, succeeded: false, retryable: false, now: now)
        }
    }

    /// Counts how a run ended, and what follows from it.
    private mutating func settle(_ name: String, _ run: JobHistory.Run, succeeded: Bool, retryable: Bool, now: ClusterInstant) {
        if succeeded {
            history[name]!.successCount += 1
            history[name]!.errorsSinceLastSuccess = 0
            history[name]!.lastSuccess = now.wall
            wakeChildren(of: name, now: now)
        } else if retryable, run.triesLeft > 0 {
            pending.append(PendingRun(name: name, attempt: run.attempt + 1, triesLeft: run.triesLeft - 1, queuedAt: now.wall))
        } else {
            history[name]!.errorCount += 1
            history[name]!.errorsSinceLastSuccess += 1
            history[name]!.lastError = now.wall
        }
    }

    private mutating func wakeChildren(of name: String, now: ClusterInstant) {
        for child in graph.children(of: name) where jobs[child]?.disabled == false {
            if graph.isReady(child, lastRun: history[child]?.lastRun, lastSuccess: { history[$0]?.lastSuccess }) {
                pending.append(PendingRun(name: child, triesLeft: jobs[child]!.retries, queuedAt: now.wall))
                history[child]!.lastRun = now.wall
            }
        }
    }
}
