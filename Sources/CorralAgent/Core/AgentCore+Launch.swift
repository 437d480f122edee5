import CorralModel

extension AgentCore {
    /// A launch: each new task is checkpointed, reported STARTING and handed to the
    /// containerizer. While the agent drains or stops, launches are refused with TASK_LOST.
    mutating func launch(_ request: LaunchRequest, now: ClusterInstant, into actions: inout [Action]) {
        let frameworkID = request.frameworkID
        if frameworks[frameworkID] != request.framework {
            frameworks[frameworkID] = request.framework
            actions.append(.checkpointFramework(request.framework))
        }
        for info in request.tasks {
            let key = TaskKey(frameworkID, info.taskID)
            guard tasks[key] == nil else { continue }
            nextContainer += 1
            let task = AgentTask(
                info: info, frameworkID: frameworkID, framework: request.framework, executor: request.executor,
                containerID: Self.containerID(for: info.taskID, number: nextContainer))
            tasks[key] = task
            actions.append(.checkpointTask(task.record))
            // The master checks these; a sandbox path is too important to trust it alone.
            if let problem = frameworkID.pathProblem.map({ "Framework ID '\(frameworkID)' \($0)" }) ?? info.taskID.pathProblem.map({ "Task ID '\(info.taskID)' \($0)" }) {
                report(key, .error, reason: .taskInvalid, message: problem, now: now, into: &actions)
                continue
            }
            if ending != nil {
                report(key, .lost, reason: .agentDraining, message: "The agent is shutting down and takes no new tasks", now: now, into: &actions)
                continue
            }
            report(key, .starting, now: now, into: &actions)
            actions.append(.launchContainer(key))
        }
    }

    /// The container runs the task's command: RUNNING, health checks, and a kill that came
    /// while it was starting.
    mutating func containerStarted(_ key: TaskKey, now: ClusterInstant, into actions: inout [Action]) {
        guard var task = tasks[key] else { return }
        task.launched = true
        tasks[key] = task
        actions.append(.watchContainer(key))
        if task.state == .staging || task.state == .starting { report(key, .running, now: now, into: &actions) }
        if task.info.healthCheck != nil { actions.append(.startHealthChecks(key)) }
        if task.killRequested { signalKill(key, grace: task.pendingKillGrace, now: now, into: &actions) }
    }

    mutating func containerFailed(_ key: TaskKey, message: String, now: ClusterInstant, into actions: inout [Action]) {
        guard let task = tasks[key] else { return }
        tasks[key]?.containerEnded = true
        if task.killRequested {
            report(key, .killed, reason: .taskKilledDuringLaunch, message: "Task killed before it started", now: now, into: &actions)
        } else {
            report(key, .failed, reason: .containerLaunchFailed, message: "Failed to launch container: \(message)", now: now, into: &actions)
        }
        actions.append(.destroyContainer(containerID: task.containerID))
    }

    /// The container's task ended: how it ended is the task's terminal status.
    mutating func containerEnded(_ key: TaskKey, _ termination: ContainerTermination, now: ClusterInstant, into actions: inout [Action]) {
        guard let task = tasks[key], !task.containerEnded else { return }
        tasks[key]?.containerEnded = true
        tasks[key]?.killDeadline = nil
        if task.info.healthCheck != nil { actions.append(.stopHealthChecks(key)) }
        if !task.state.isTerminal {
            let outcome = TaskOutcome(termination, killRequested: task.killRequested)
            report(key, outcome.state, reason: outcome.reason, message: outcome.message, now: now, into: &actions)
        }
        // Removing cgroups takes the kernel a while; the framework need not wait for it.
        actions.append(.destroyContainer(containerID: task.containerID))
        forgetIfDone(key, into: &actions)
    }
}
