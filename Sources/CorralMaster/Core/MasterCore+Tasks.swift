import CorralModel

extension MasterCore {
    /// How many statuses a task keeps: enough for the console's history, bounded for tasks that
    /// report health every few seconds for weeks.
    static let statusHistoryLimit = 32

    /// An agent reports a task's new status. The master records it, frees the resources of a
    /// task that ended, and forwards the update; the agent re-sends it until it is acknowledged.
    mutating func statusUpdate(_ update: StatusUpdate, from agentID: AgentID, now: Time, into actions: inout [MasterAction]) {
        let key = TaskKey(update.frameworkID, update.status.taskID)
        guard frameworks[update.frameworkID] != nil else {
            // Nobody will ever acknowledge this: do it here so the agent stops re-sending.
            if let uuid = update.status.uuid {
                actions.append(.acknowledge(agentID, update.frameworkID, update.status.taskID, uuid: uuid))
            }
            return
        }
        if tasks[key] != nil { applyStatus(update.status, to: key, now: now, into: &actions) }
        if frameworks[update.frameworkID]?.connected == true {
            actions.append(.send(update.frameworkID, .update(update.status)))
        }
        // Updates without a uuid are never acknowledged, so a terminal one completes at once.
        if update.status.uuid == nil, update.status.state.isTerminal { completeTask(key) }
    }

    /// Records a status on a task the master tracks; the first terminal one frees its resources.
    mutating func applyStatus(_ status: TaskStatus, to key: TaskKey, now: Time, into actions: inout [MasterAction]) {
        guard var task = tasks[key] else { return }
        if let uuid = status.uuid, task.statuses.contains(where: { $0.uuid == uuid }) { return }  // a re-send
        let wasTerminal = task.state.isTerminal
        task.statuses.append(status)
        if task.statuses.count > Self.statusHistoryLimit { task.statuses.removeFirst(task.statuses.count - Self.statusHistoryLimit) }
        if !wasTerminal { task.state = status.state }
        tasks[key] = task
        actions.append(.publish(.taskUpdated(key, status: status)))
        if !wasTerminal, status.state.isTerminal {
            account(task, sign: -1)
            allocator.recover(task.resources, of: task.frameworkID, on: task.agentID, now: now)
            if let executorID = task.executorID { taskOfExecutorEnded(task.id, ExecutorKey(frameworkID: task.frameworkID, executorID: executorID), now: now) }
            requestAllocation(into: &actions)
        }
    }

    /// An executor's resources come back when the last of its tasks has ended.
    private mutating func taskOfExecutorEnded(_ taskID: TaskID, _ key: ExecutorKey, now: Time) {
        guard var executor = executors[key] else { return }
        executor.tasks.remove(taskID)
        if executor.tasks.isEmpty {
            executors[key] = nil
            allocator.recover(executor.resources, of: key.frameworkID, on: executor.agentID, now: now)
        } else {
            executors[key] = executor
        }
    }

    /// The task leaves the active set for the bounded history of completed tasks.
    mutating func completeTask(_ key: TaskKey) {
        guard let task = tasks.removeValue(forKey: key) else { return }
        frameworks[key.frameworkID]?.tasks.remove(key.taskID)
        agents[task.agentID]?.tasks.remove(key)
        taskUsage[key] = nil
        completedTasks.append(task)
        if completedTasks.count > configuration.completedTasksToKeep {
            completedTasks.removeFirst(completedTasks.count - configuration.completedTasksToKeep)
        }
    }

    mutating func acknowledge(_ taskID: TaskID, uuid: [UInt8], agentID: AgentID, of frameworkID: FrameworkID, into actions: inout [MasterAction]) {
        let key = TaskKey(frameworkID, taskID)
        if let task = tasks[key], let acked = task.statuses.last(where: { $0.uuid == uuid }), acked.state.isTerminal {
            completeTask(key)
        }
        if agents[agentID] != nil { actions.append(.acknowledge(agentID, frameworkID, taskID, uuid: uuid)) }
    }

    mutating func kill(_ taskID: TaskID, agentID: AgentID?, killPolicy: KillPolicy?, of frameworkID: FrameworkID, now: Time, into actions: inout [MasterAction]) {
        if let task = tasks[TaskKey(frameworkID, taskID)] {
            guard !task.state.isTerminal, agents[task.agentID] != nil else { return }
            actions.append(.kill(task.agentID, frameworkID, taskID, killPolicy))
            return
        }
        let partitionAware = frameworks[frameworkID]?.info.has(.partitionAware) == true
        let status = masterStatus(
            taskID, partitionAware ? .unknown : .lost, reason: .reconciliation,
            message: "Cannot kill task \(taskID): the master does not know it", agentID: agentID, now: now)
        actions.append(.send(frameworkID, .update(status)))
    }

    /// RECONCILE: the latest state of the given tasks, or of all the framework's tasks when none
    /// are given. Answers come from the master, with REASON_RECONCILIATION and no uuid.
    mutating func reconcile(_ requested: [ReconcileTask], of frameworkID: FrameworkID, now: Time, into actions: inout [MasterAction]) {
        let partitionAware = frameworks[frameworkID]?.info.has(.partitionAware) == true
        func latest(_ task: TaskRecord) -> TaskStatus {
            var status = masterStatus(task.id, task.state, reason: .reconciliation, message: "Reconciliation: latest task status", agentID: task.agentID, now: now)
            status.healthy = task.latestStatus?.healthy
            return status
        }
        if requested.isEmpty {
            let own = (frameworks[frameworkID]?.tasks ?? []).sorted().compactMap { tasks[TaskKey(frameworkID, $0)] }
            for task in own { actions.append(.send(frameworkID, .update(latest(task)))) }
            return
        }
        for wanted in requested {
            let key = TaskKey(frameworkID, wanted.taskID)
            if let task = tasks[key] ?? completedTasks.last(where: { $0.key == key }) {
                actions.append(.send(frameworkID, .update(latest(task))))
                continue
            }
            let agentKnown = wanted.agentID.map { agents[$0] != nil } ?? false
            let state: TaskState = !partitionAware ? .lost : (agentKnown ? .gone : .unknown)
            let status = masterStatus(wanted.taskID, state, reason: .reconciliation, message: "Reconciliation: task is unknown", agentID: wanted.agentID, now: now)
            actions.append(.send(frameworkID, .update(status)))
        }
    }
}
