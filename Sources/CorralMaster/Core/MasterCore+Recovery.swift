import CorralModel

extension MasterCore {
    /// Starting from the registry: the agents it admitted are expected back with their tasks
    /// within `agentReregisterTimeout`; until then reconciliation gives no answer about their
    /// tasks, which may well be running. Weights and quotas apply at once.
    mutating func recover(now: ClusterInstant) {
        recovered = registry.admitted
        recoveryDeadline = recovered.isEmpty ? nil : now + configuration.agentReregisterTimeout
        for (role, weight) in registry.weights { allocator.setWeight(role, weight) }
        for (role, quota) in registry.quotas { allocator.setQuota(role, quota) }
    }

    /// Agents that did not come back in time after a restart become unreachable. The master
    /// never knew their tasks; frameworks learn of them through reconciliation, which now
    /// answers TASK_UNREACHABLE (TASK_LOST to frameworks that are not partition-aware).
    mutating func expireRecoveredAgents(now: ClusterInstant, into actions: inout [MasterAction]) {
        guard let deadline = recoveryDeadline, now >= deadline else { return }
        recoveryDeadline = nil
        let missing = recovered.keys.sorted()
        recovered = [:]
        guard !missing.isEmpty else { return }
        record(.markUnreachable(missing, at: now.wall), into: &actions)
        for id in missing { actions.append(.publish(.agentRemoved(id, reason: "did not re-register within \(formatScalar(configuration.agentReregisterTimeout.seconds)) s of the master's restart"))) }
    }

    /// Forgets unreachable and gone agents past the registry's bounds, every GC interval.
    mutating func collectRegistryGarbage(now: ClusterInstant, into actions: inout [MasterAction]) {
        guard now - lastRegistryGC >= configuration.registryGCInterval else { return }
        lastRegistryGC = now
        guard let prune = registry.pruning(now: now.wall, maxAge: configuration.registryMaxAgentAge.seconds, maxCount: configuration.registryMaxAgentCount) else { return }
        record(prune, into: &actions)
    }

    /// MARK_AGENT_GONE: the operator says the agent will never come back. That is durable
    /// first; then its tasks end as TASK_GONE_BY_OPERATOR (TASK_LOST for frameworks that are not
    /// partition-aware), and the agent, if connected, is told to shut down. An agent marked gone
    /// can never register again.
    mutating func markGone(_ id: AgentID, now: ClusterInstant, into actions: inout [MasterAction]) {
        guard knowsAgent(id), registry.gone[id] == nil else { return }
        record(.markGone(id, at: now.wall), into: &actions)
        recovered[id] = nil
        if let agent = agents[id], agent.connected {
            actions.append(.shutdownAgent(id, reason: "Agent \(id) has been marked gone"))
        }
        removeAgent(id, reason: "marked gone by an operator", taskState: .goneByOperator, taskReason: .agentRemovedByOperator, now: now, into: &actions)
    }

    /// Whether the master has heard of the agent: registered, recovered from the registry, or
    /// unreachable. Gone agents count too (marking one gone again changes nothing).
    public func knowsAgent(_ id: AgentID) -> Bool {
        agents[id] != nil || recovered[id] != nil || registry.unreachable[id] != nil || registry.gone[id] != nil
    }
}
