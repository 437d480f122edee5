import CorralModel

extension AgentCore {
    /// KILL: SIGTERM now, SIGKILL once the grace period has run out (the task's kill policy, or
    /// the agent's default). A task whose container has not started yet is killed when it does.
    /// The master asking about a task the agent does not have hears TASK_LOST.
    mutating func kill(_ key: TaskKey, grace: Duration?, now: ClusterInstant, into actions: inout [Action]) {
        guard let task = tasks[key] else {
            let status = TaskStatus(
                taskID: key.taskID, state: .lost, source: .agent, reason: .reconciliation,
                message: "Task \(key.taskID) is not known to this agent", agentID: agentID, timestamp: now.wall, uuid: makeUUID())
            deliver(StatusUpdate(frameworkID: key.frameworkID, status: status), containerID: nil, now: now, into: &actions)
            return
        }
        guard !task.state.isTerminal, !task.containerEnded else { return }
        let first = !task.killRequested
        tasks[key]?.killRequested = true
        guard task.launched else {
            tasks[key]?.pendingKillGrace = grace
            return
        }
        if first, frameworks[key.frameworkID]?.has(.taskKillingState) == true { report(key, .killing, now: now, into: &actions) }
        signalKill(key, grace: grace, now: now, into: &actions)
    }

    mutating func signalKill(_ key: TaskKey, grace: Duration?, now: ClusterInstant, into actions: inout [Action]) {
        guard let task = tasks[key] else { return }
        actions.append(.signal(containerID: task.containerID, SIGTERM_NUMBER))
        let period = grace ?? task.info.killPolicy.map { .clampedSeconds($0.gracePeriodSeconds) } ?? configuration.defaultKillGrace
        let deadline = now + max(.zero, period)
        tasks[key]?.killDeadline = min(task.killDeadline ?? deadline, deadline)
    }

    /// SHUTDOWN_FRAMEWORK (the framework was torn down): its tasks are killed, their updates
    /// dropped, and nothing more is reported for them.
    mutating func shutdownFramework(_ frameworkID: FrameworkID, now: ClusterInstant, into actions: inout [Action]) {
        updates.forget(frameworkID: frameworkID)
        retiredFrameworks.insert(frameworkID)
        if frameworks.removeValue(forKey: frameworkID) != nil { actions.append(.forgetFramework(frameworkID)) }
        for key in tasks.keys.sorted() where key.frameworkID == frameworkID {
            guard let task = tasks[key] else { continue }
            if task.launched, !task.containerEnded {
                tasks[key]?.killRequested = true
                signalKill(key, grace: configuration.defaultKillGrace, now: now, into: &actions)
            } else if !task.launched {
                tasks[key]?.killRequested = true
            }
            forgetIfDone(key, into: &actions)
        }
    }

    /// Draining (SIGUSR1) or told to stop by the master: every task is killed. A draining agent
    /// then waits until their ends are acknowledged; one marked gone only until they ended.
    mutating func end(_ reason: Ending, now: ClusterInstant, into actions: inout [Action]) {
        guard ending == nil else { return }
        ending = reason
        if reason == .draining {
            drainDeadline = now + configuration.drainTimeout
            actions.append(.checkpointDraining)
            actions.append(.announceDraining)
        }
        for key in tasks.keys.sorted() {
            guard let task = tasks[key], !task.state.isTerminal || (task.launched && !task.containerEnded) else { continue }
            tasks[key]?.killRequested = true
            if task.launched, !task.containerEnded { signalKill(key, grace: nil, now: now, into: &actions) }
        }
    }
}
