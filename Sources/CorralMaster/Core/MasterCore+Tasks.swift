import CorralModel

extension MasterCore {
    /// How many statuses a task keeps: enough for the console's history, bounded for tasks that
    /// report health every few seconds for weeks.
    static let statusHistoryLimit = 32

    /// An agent reports a task's new status. The master records it, frees the resources of a
    /// task that ended, and forwards the update; the agent re-sends it until it is acknowledged.
    mutating func statusUpdate(_ update: StatusUpdate, from agentID: AgentID, now: ClusterInstant, into actions: inout [MasterAction]) {
        let key = TaskKey(update.frameworkID, update.status.taskID)
        // Only the agent that runs a task speaks for it: a status from any other is dropped.
        if let task = tasks[key], task.agentID != agentID { return }
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
    mutating func applyStatus(_ status: TaskStatus, to key: TaskKey, now: ClusterInstant, into actions: inout [MasterAction]) {
        guard var task = tasks[key] else { return }
        if let uuid = status.uuid, task.statuses.contains(where: { $0.uuid == uuid }) { return }  // a re-send
        let wasTerminal = task.state.isTerminal
        task.statuses.append(status)
        if task.statuses.count > Self.statusHistoryLimit { task.statuses.removeFirst(task.statuses.count - Self.statusHistoryLimit) }
        if !wasTerminal { task.state = status.state }
        tasks[key] = task
        actions.append(.publish(.taskUpdated(key, status: status)))
        if !wasTerminal, status.state.isTerminal {
            tasksEnded[status.state, default: 0] += 1
            account(task, sign: -1)
            allocator.recover(task.resources, of: task.frameworkID, on: task.agentID, now: now)
            if let executorID = task.executorID { taskOfExecutorEnded(task.id, ExecutorKey(frameworkID: task.frameworkID, executorID: executorID), now: now) }
            requestAllocation(into: &actions)
        }
    }

    /// An executor's resources come back when the last of its tasks has ended.
    private mutating func taskOfExecutorEnded(_ taskID: TaskID, _ key: ExecutorKey, now: ClusterInstant) {
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

    mutating func kill(_ taskID: TaskID, agentID: AgentID?, killPolicy: KillPolicy?, of frameworkID: FrameworkID, now: ClusterInstant, into actions: inout [MasterAction]) {
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

    /// RECONCILE, answered as Mesos's master answers it (all with REASON_RECONCILIATION and no
    /// uuid, so nothing is acknowledged):
    /// - implicit (no tasks named): the latest state of each of the framework's tasks, except
    ///   those on unreachable agents; nothing about tasks the master does not know;
    /// - explicit: a task the master knows gets its latest state (a task that ended lately, its
    ///   last one). Of a task it does not know, the answer depends on its agent: none while the
    ///   agent may still re-register after a master restart (nor, when no agent is named, while
    ///   any agent may); TASK_GONE when the agent is registered, TASK_UNREACHABLE when it is
    ///   unreachable, TASK_GONE_BY_OPERATOR when it was marked gone, TASK_UNKNOWN when the master
    ///   never heard of it. Frameworks that are not partition-aware hear TASK_LOST instead.
    mutating func reconcile(_ requested: [ReconcileTask], of frameworkID: FrameworkID, now: ClusterInstant, into actions: inout [MasterAction]) {
        let partitionAware = frameworks[frameworkID]?.info.has(.partitionAware) == true
        func latest(_ task: TaskRecord) -> TaskStatus {
            var status = masterStatus(task.id, task.state, reason: .reconciliation, message: "Reconciliation: latest task status", agentID: task.agentID, now: now)
            status.healthy = task.latestStatus?.healthy
            return status.asSeen(byPartitionAware: partitionAware)
        }
        if requested.isEmpty {
            let own = (frameworks[frameworkID]?.tasks ?? []).sorted().compactMap { tasks[TaskKey(frameworkID, $0)] }
            for task in own where task.state != .unreachable { actions.append(.send(frameworkID, .update(latest(task)))) }
            return
        }
        for wanted in requested {
            let key = TaskKey(frameworkID, wanted.taskID)
            if let task = tasks[key] ?? completedTasks.last(where: { $0.key == key }) {
                actions.append(.send(frameworkID, .update(latest(task))))
                continue
            }
            guard let state = unknownTaskState(on: wanted.agentID) else { continue }
            let status = masterStatus(
                wanted.taskID, partitionAware ? state : .lost, reason: .reconciliation,
                message: "Reconciliation: task is unknown to the master", agentID: wanted.agentID, now: now)
            actions.append(.send(frameworkID, .update(status)))
        }
    }

    /// What a partition-aware framework is told of a task the master does not know, by where
    /// the task was said to run; nil when the master cannot say yet.
    private func unknownTaskState(on agentID: AgentID?) -> TaskState? {
        guard let agentID else { return recovered.isEmpty ? .unknown : nil }
        if recovered[agentID] != nil { return nil }
        if registry.gone[agentID] != nil { return .goneByOperator }
        if registry.unreachable[agentID] != nil { return .unreachable }
        if agents[agentID] != nil { return .gone }
        return .unknown
    }
}
