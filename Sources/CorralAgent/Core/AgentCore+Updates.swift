import CorralModel

extension AgentCore {
    /// Reports a task's new state: checkpointed first, then sent through the status update
    /// manager (in order, one in flight per task, again until acknowledged).
    mutating func report(
        _ key: TaskKey, _ state: TaskState, reason: TaskStatus.Reason? = nil, message: String? = nil, healthy: Bool? = nil,
        now: ClusterInstant, into actions: inout [Action]
    ) {
        guard let task = tasks[key] else { return }
        var status = TaskStatus(
            taskID: key.taskID, state: state, source: .executor, reason: reason, message: message, agentID: agentID,
            executorID: task.executor?.executorID, timestamp: now.wall, healthy: healthy,
            containerStatus: ContainerStatus(containerID: ContainerID(task.containerID)))
        // Nobody listens any more (the framework was torn down, or the master refused the agent).
        var listened = !retiredFrameworks.contains(key.frameworkID)
        if case .goneByOperator = ending { listened = false }
        if listened { status.uuid = makeUUID() }
        tasks[key]?.append(status)
        if state.isTerminal, !task.state.isTerminal { endedTasks[state, default: 0] += 1 }
        guard listened else { return }
        deliver(StatusUpdate(frameworkID: key.frameworkID, status: status), containerID: task.containerID, now: now, into: &actions)
    }

    /// Checkpoints the update (when it belongs to a checkpointed task) and sends it if nothing
    /// else of its task is in flight.
    mutating func deliver(_ update: StatusUpdate, containerID: String?, now: ClusterInstant, into actions: inout [Action]) {
        if let containerID { actions.append(.checkpointUpdate(update, containerID: containerID)) }
        if let ready = updates.enqueue(update, now: now), connected { actions.append(.send(ready)) }
    }

    /// ACKNOWLEDGE of the update in flight: checkpointed, then the next update of the task goes.
    /// A task whose end is acknowledged is done with: its checkpoint goes instead.
    mutating func acknowledge(_ key: TaskKey, uuid: [UInt8], now: ClusterInstant, into actions: inout [Action]) {
        guard case .accepted(let next, _) = updates.acknowledge(key, uuid: uuid, now: now) else { return }
        if let next, connected { actions.append(.send(next)) }
        guard let task = tasks[key], !forgetIfDone(key, into: &actions) else { return }
        actions.append(.checkpointAcknowledgement(uuid: uuid, containerID: task.containerID))
    }

    /// A task that ended and has nothing left to deliver is forgotten, with its checkpoint.
    /// Returns whether it was. (Its framework stays known: the next task of it would write it
    /// again; recovery forgets frameworks left without tasks.)
    @discardableResult
    mutating func forgetIfDone(_ key: TaskKey, into actions: inout [Action]) -> Bool {
        guard let task = tasks[key], task.state.isTerminal || retiredFrameworks.contains(key.frameworkID),
            !task.launched || task.containerEnded, !updates.hasPending(key)
        else { return false }
        tasks[key] = nil
        remember(task)
        actions.append(.forgetTask(containerID: task.containerID))
        return true
    }
}
