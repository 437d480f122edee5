import CorralModel

/// Whether agents can be reached and offered: heard from, disconnected, draining, or silent for
/// the agent timeout and so unreachable.
extension MasterCore {
    mutating func heardFrom(_ id: AgentID, now: ClusterInstant) {
        agents[id]?.lastSeen = now
    }

    /// Its connection dropped: no offers until it comes back (the timeout decides the rest).
    mutating func agentDisconnected(_ id: AgentID, connection: ConnectionID, now: ClusterInstant, into actions: inout [MasterAction]) {
        guard let agent = agents[id], agent.connection == connection, agent.connected else { return }
        agents[id]?.connected = false
        deactivate(id, reason: "agent disconnected", now: now, into: &actions)
        actions.append(.publish(.agentUpdated(agentSnapshot(id))))
    }

    /// Offered no more, for `reason` (disconnected, draining, unreachable): the allocator skips
    /// it and its outstanding offers go back to their frameworks.
    mutating func deactivate(_ id: AgentID, reason: String, now: ClusterInstant, into actions: inout [MasterAction]) {
        guard let agent = agents[id] else { return }
        agents[id]?.active = false
        allocator.setAgentActive(id, false)
        for offerID in agent.offers.sorted() { rescind(offerID, reason: reason, now: now, into: &actions) }
    }

    /// An agent was heard from at `now` after being unreachable or unknown: it falls silent no
    /// earlier than the timeout from now. (Agents heard from again only move their own
    /// deadlines later, which leaves the floor a valid lower bound.)
    mutating func watchSilence(from now: ClusterInstant) {
        guard let timeout = configuration.agentTimeout else { return }
        agentSilenceFloor.lower(to: now + timeout)
    }

    /// The agent drains: like Mesos's DRAINING agents, it is offered no more and its
    /// outstanding offers go back, so nothing is launched there only to be refused. It is
    /// forgotten when it unregisters; one that registers again while it drains says so in its
    /// registration and stays inactive.
    mutating func agentDraining(_ id: AgentID, now: ClusterInstant, into actions: inout [MasterAction]) {
        guard let agent = agents[id], agent.active else { return }
        deactivate(id, reason: "agent draining", now: now, into: &actions)
        actions.append(.publish(.agentUpdated(agentSnapshot(id))))
    }

    /// Marks agents silent for the timeout unreachable, and makes the silence floor exact again
    /// from the same walk.
    mutating func expireSilentAgents(now: ClusterInstant, into actions: inout [MasterAction]) {
        guard let timeout = configuration.agentTimeout, agentSilenceFloor.hasPassed(now) else { return }
        var silent: [AgentID] = []
        agentSilenceFloor = DeadlineFloor()
        for agent in agents.values where !agent.unreachable {
            if now - agent.lastSeen >= timeout {
                silent.append(agent.id)
            } else {
                agentSilenceFloor.lower(to: agent.lastSeen + timeout)
            }
        }
        guard !silent.isEmpty else { return }
        silent.sort()
        record(.markUnreachable(silent, at: now.wall), into: &actions)
        for id in silent { markUnreachable(id, now: now, into: &actions) }
    }

    /// The agent has been silent too long (its unreachability is already in the registry). Its
    /// tasks stay the master's, as TASK_UNREACHABLE, so that they are adopted again if the agent
    /// comes back; partition-aware frameworks hear TASK_UNREACHABLE, the others TASK_LOST.
    private mutating func markUnreachable(_ id: AgentID, now: ClusterInstant, into actions: inout [MasterAction]) {
        guard let agent = agents[id] else { return }
        agents[id]?.unreachable = true
        // Silent is not necessarily gone: a link still open (a partition the agent has not
        // noticed) is closed, so that the agent re-registers once it can, as Mesos's agents do
        // when the master stops pinging them.
        if agent.connected { actions.append(.disconnectAgent(agent.connection)) }
        deactivate(id, reason: "agent unreachable", now: now, into: &actions)
        let message = "Agent \(id) is unreachable: silent for \(formatScalar((now - agent.lastSeen).seconds)) s"
        for key in agent.tasks.sorted() {
            guard let task = tasks[key], !task.state.isTerminal, task.state != .unreachable else { continue }
            let status = masterStatus(task.id, .unreachable, reason: .agentDisconnected, message: message, agentID: id, now: now)
            applyStatus(status, to: key, now: now, into: &actions)
            send(status.asSeen(byPartitionAware: frameworks[task.frameworkID]?.info.has(.partitionAware) == true), to: task.frameworkID, into: &actions)
        }
        actions.append(.publish(.agentUpdated(agentSnapshot(id))))
    }
}
