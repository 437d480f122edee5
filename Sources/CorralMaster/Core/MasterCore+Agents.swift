import CorralModel

extension MasterCore {
    /// An agent registers, or re-registers with the ID it had and the tasks it still runs.
    mutating func registerAgent(
        _ requested: AgentInfo, isolation: String?, runningTasks: [TaskRecord], connection: ConnectionID, now: Time,
        into actions: inout [MasterAction]
    ) {
        var info = requested
        if let id = info.id, agents[id] != nil {
            // The same agent on a new connection: keep its books, forget tasks it no longer has.
            agents[id]!.connection = connection
            agents[id]!.active = true
            agents[id]!.isolation = isolation
            allocator.setAgentActive(id, true)
            let reported = Set(runningTasks.map(\.key))
            for key in agents[id]!.tasks.sorted() where !reported.contains(key) {
                guard let task = tasks[key], !task.state.isTerminal else { continue }
                let status = masterStatus(task.id, .lost, reason: .agentRestarted, message: "Agent \(id) re-registered without this task", agentID: id, now: now)
                applyStatus(status, to: key, now: now, into: &actions)
                actions.append(.send(task.frameworkID, .update(status)))
                completeTask(key)
            }
            actions.append(.bindAgent(connection, id))
            actions.append(.publish(.agentUpdated(agentSnapshot(id))))
            requestAllocation(into: &actions)
            return
        }
        let id = info.id ?? makeAgentID()
        info.id = id
        agents[id] = AgentRecord(info: info, connection: connection, registeredAt: now, isolation: isolation)
        var used: [(FrameworkID, Resources)] = []
        for task in runningTasks where frameworks[task.frameworkID] != nil && !task.state.isTerminal {
            tasks[task.key] = task
            frameworks[task.frameworkID]?.tasks.insert(task.id)
            agents[id]?.tasks.insert(task.key)
            used.append((task.frameworkID, task.resources))
        }
        allocator.addAgent(id, total: info.resources, used: used)
        actions.append(.bindAgent(connection, id))
        actions.append(.publish(.agentAdded(agentSnapshot(id))))
        requestAllocation(into: &actions)
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
