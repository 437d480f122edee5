import CorralModel

extension MasterCore {
    /// An agent registers, or re-registers with the ID it had and the tasks it still runs.
    mutating func registerAgent(
        _ requested: AgentInfo, isolation: String?, runningTasks: [RunningTaskReport], connection: ConnectionID, now: Time,
        into actions: inout [MasterAction]
    ) {
        var info = requested
        if let id = info.id, agents[id] != nil {
            reregisterAgent(id, isolation: isolation, reported: runningTasks, connection: connection, now: now, into: &actions)
            return
        }
        let id = info.id ?? makeAgentID()
        info.id = id
        agents[id] = AgentRecord(info: info, connection: connection, registeredAt: now, isolation: isolation, lastSeen: now)
        var used: [(FrameworkID, Resources)] = []
        for report in runningTasks where !report.state.isTerminal {
            guard frameworks[report.frameworkID] != nil else {
                // A framework this master does not know: nobody would hear of the task again.
                actions.append(.kill(id, report.frameworkID, report.task.taskID, nil))
                continue
            }
            let task = Self.taskRecord(from: report, agentID: id, now: now)
            tasks[task.key] = task
            account(task, sign: 1)
            frameworks[task.frameworkID]?.tasks.insert(task.id)
            agents[id]?.tasks.insert(task.key)
            used.append((task.frameworkID, task.resources))
        }
        allocator.addAgent(id, total: info.resources, used: used)
        actions.append(.bindAgent(connection, id))
        actions.append(.publish(.agentAdded(agentSnapshot(id))))
        requestAllocation(into: &actions)
    }

    /// The same agent on a new connection (after a restart of its link, or a partition): its
    /// tasks are reconciled against what it reports. Tasks it no longer runs are lost; tasks it
    /// runs that the master has given up on are killed; unreachable ones are running again.
    private mutating func reregisterAgent(
        _ id: AgentID, isolation: String?, reported: [RunningTaskReport], connection: ConnectionID, now: Time,
        into actions: inout [MasterAction]
    ) {
        agents[id]!.connection = connection
        agents[id]!.connected = true
        agents[id]!.unreachable = false
        agents[id]!.active = true
        agents[id]!.isolation = isolation
        agents[id]!.lastSeen = now
        allocator.setAgentActive(id, true)
        actions.append(.bindAgent(connection, id))
        let reportedKeys = Set(reported.map { TaskKey($0.frameworkID, $0.task.taskID) })
        for key in agents[id]!.tasks.sorted() where !reportedKeys.contains(key) {
            guard let task = tasks[key] else { continue }
            if !task.state.isTerminal {
                let status = masterStatus(task.id, .lost, reason: .agentRestarted, message: "Agent \(id) re-registered without this task", agentID: id, now: now)
                applyStatus(status, to: key, now: now, into: &actions)
                actions.append(.send(task.frameworkID, .update(status)))
            }
            completeTask(key)
        }
        for report in reported where !report.state.isTerminal {
            let key = TaskKey(report.frameworkID, report.task.taskID)
            guard let task = tasks[key], task.agentID == id else {
                actions.append(.kill(id, report.frameworkID, report.task.taskID, nil))
                continue
            }
            if task.state == .unreachable {
                var status = masterStatus(task.id, report.state, reason: .reconciliation, message: "Agent \(id) is reachable again", agentID: id, now: now)
                status.healthy = task.latestStatus?.healthy
                tasks[key]!.state = report.state
                tasks[key]!.statuses.append(status)
                actions.append(.publish(.taskUpdated(key, status: status)))
                if frameworks[task.frameworkID]?.connected == true { actions.append(.send(task.frameworkID, .update(status))) }
            }
        }
        actions.append(.publish(.agentUpdated(agentSnapshot(id))))
        requestAllocation(into: &actions)
    }

    mutating func heardFrom(_ id: AgentID, now: Time) {
        agents[id]?.lastSeen = now
    }

    /// Its connection dropped: no offers until it comes back (the timeout decides the rest).
    mutating func agentDisconnected(_ id: AgentID, connection: ConnectionID, now: Time, into actions: inout [MasterAction]) {
        guard let agent = agents[id], agent.connection == connection, agent.connected else { return }
        agents[id]!.connected = false
        agents[id]!.active = false
        allocator.setAgentActive(id, false)
        for offerID in agent.offers.sorted() { rescind(offerID, reason: "agent disconnected", now: now, into: &actions) }
        actions.append(.publish(.agentUpdated(agentSnapshot(id))))
    }

    mutating func expireSilentAgents(now: Time, into actions: inout [MasterAction]) {
        guard let timeout = configuration.agentTimeout else { return }
        for id in agents.keys.sorted() where !agents[id]!.unreachable && now - agents[id]!.lastSeen >= timeout {
            markUnreachable(id, now: now, into: &actions)
        }
    }

    /// The agent has been silent too long. Partition-aware frameworks hear TASK_UNREACHABLE and
    /// keep their tasks (they come back if the agent does); the others hear TASK_LOST.
    mutating func markUnreachable(_ id: AgentID, now: Time, into actions: inout [MasterAction]) {
        guard let agent = agents[id] else { return }
        agents[id]!.unreachable = true
        agents[id]!.active = false
        allocator.setAgentActive(id, false)
        for offerID in agent.offers.sorted() { rescind(offerID, reason: "agent unreachable", now: now, into: &actions) }
        for key in agent.tasks.sorted() {
            guard let task = tasks[key], !task.state.isTerminal, task.state != .unreachable else { continue }
            let partitionAware = frameworks[task.frameworkID]?.info.has(.partitionAware) == true
            let message = "Agent \(id) is unreachable: silent for \(formatScalar(now - agent.lastSeen)) s"
            let status = masterStatus(task.id, partitionAware ? .unreachable : .lost, reason: .agentDisconnected, message: message, agentID: id, now: now)
            applyStatus(status, to: key, now: now, into: &actions)
            if frameworks[task.frameworkID]?.connected == true { actions.append(.send(task.frameworkID, .update(status))) }
            if !partitionAware { completeTask(key) }
        }
        actions.append(.publish(.agentUpdated(agentSnapshot(id))))
    }

    static func taskRecord(from report: RunningTaskReport, agentID: AgentID, now: Time) -> TaskRecord {
        let role = report.task.resources.entries.first?.allocationRole ?? "*"
        return TaskRecord(
            id: report.task.taskID, name: report.task.name, frameworkID: report.frameworkID, agentID: agentID,
            executorID: report.executorID, role: role, resources: tagged(report.task.resources, role: role),
            command: report.task.command, state: report.state, launchedAt: now, labels: report.task.labels)
    }

    /// The agent is gone for good (shut down, or removed by an operator): its offers are
    /// rescinded and its tasks are lost.
    mutating func removeAgent(_ id: AgentID, reason: String, now: Time, into actions: inout [MasterAction]) {
        guard let agent = agents[id] else { return }
        for offerID in agent.offers.sorted() { rescind(offerID, reason: "agent removed", now: now, into: &actions) }
        for key in agent.tasks.sorted() {
            guard let task = tasks[key] else { continue }
            if !task.state.isTerminal {
                let partitionAware = frameworks[task.frameworkID]?.info.has(.partitionAware) == true
                let status = masterStatus(task.id, partitionAware ? .gone : .lost, reason: .agentRemoved, message: "Agent \(id) removed: \(reason)", agentID: id, now: now)
                applyStatus(status, to: key, now: now, into: &actions)
                actions.append(.send(task.frameworkID, .update(status)))
            }
            completeTask(key)
        }
        executors = executors.filter { $0.value.agentID != id }
        allocator.removeAgent(id)
        heldByAgent[id] = nil
        agents[id] = nil
        actions.append(.publish(.agentRemoved(id, reason: reason)))
    }

    mutating func recordUsage(_ usage: AgentUsage, into actions: inout [MasterAction]) {
        guard agents[usage.agentID] != nil else { return }
        agents[usage.agentID]!.usage = usage.total
        for (key, taskUsage) in usage.tasks where tasks[key] != nil { self.taskUsage[key] = taskUsage }
        actions.append(.publish(.usageSampled(usage)))
    }
}
