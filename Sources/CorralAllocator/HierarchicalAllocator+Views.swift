import CorralModel

/// Read-only views for snapshots, the console and tests.
extension HierarchicalAllocator {
    /// The framework's dominant share within the cluster (allocated / total, largest resource),
    /// summed over its roles and before weights.
    public func dominantShare(of frameworkID: FrameworkID) -> Double {
        guard let slot = frameworkSlots[frameworkID] else { return 0 }
        var allocation = ScalarVector()
        for role in roles where role.frameworks.contains(slot) { allocation += role.frameworks.allocation(of: slot) }
        return allocation.dominantShare(of: totals)
    }

    /// The role's weighted dominant share: what the upper level of the hierarchy sorts by.
    public func dominantShare(ofRole role: String) -> Double {
        guard let slot = roleSlots[role] else { return 0 }
        return roles[slot].allocated.dominantShare(of: totals) / weight(of: role)
    }

    /// Roles that have frameworks or hold resources, lowest weighted share first.
    public var roleOrder: [String] { roleSorter.order.map { roles[$0].name } }

    /// The role's frameworks, lowest share first: who is offered next within the role.
    public func frameworkOrder(inRole role: String) -> [FrameworkID] {
        guard let slot = roleSlots[role] else { return [] }
        return roles[slot].frameworks.order.compactMap { frameworks[$0]?.id }
    }

    /// The framework the next offer would go to: first in the first role that has one eligible.
    public var nextFramework: FrameworkID? {
        nextOffer.flatMap { frameworks[$0.slot]?.id }
    }

    /// Everything the framework holds (offered or used), marked with roles.
    public func allocation(of frameworkID: FrameworkID) -> Resources {
        guard let slot = frameworkSlots[frameworkID], let framework = frameworks[slot] else { return Resources() }
        return framework.allocations.values.reduce(Resources(), +)
    }

    public func allocation(of frameworkID: FrameworkID, on agentID: AgentID) -> Resources {
        guard let slot = frameworkSlots[frameworkID], let agentSlot = agentSlots[agentID] else { return Resources() }
        return frameworks[slot]?.allocations[agentSlot] ?? Resources()
    }

    public func free(on agentID: AgentID) -> Resources {
        agentSlots[agentID].flatMap { agents[$0]?.free } ?? Resources()
    }

    public func isSuppressed(_ frameworkID: FrameworkID, role: String) -> Bool {
        guard let slot = frameworkSlots[frameworkID] else { return false }
        return frameworks[slot]?.suppressedRoles.contains(role) ?? false
    }

    /// Live refuse filters the framework holds on the agent.
    public func filters(of frameworkID: FrameworkID, on agentID: AgentID, at now: ClusterInstant) -> [RefuseFilter] {
        guard let slot = frameworkSlots[frameworkID], let agentSlot = agentSlots[agentID] else { return [] }
        return (frameworks[slot]?.filters[agentSlot] ?? []).filter { now < $0.expires }
    }

    /// Total scalars of active agents, by name.
    public var clusterTotals: [String: Double] {
        var result: [String: Double] = [:]
        for (index, name) in space.names.enumerated() where totals[index] != 0 { result[name] = totals[index] }
        return result
    }

    public var agentCount: Int { agentSlots.count }
    public var frameworkCount: Int { frameworkSlots.count }
}

extension HierarchicalAllocator {
    /// The allocator's own books must balance: on every agent, free + allocated = total, and
    /// what frameworks hold on an agent adds up to what the agent has allocated. Returns one line
    /// per violation; tests call it after every step.
    public func invariantViolations() -> [String] {
        var violations: [String] = []
        var heldByAgent: [Int: Resources] = [:]
        for framework in frameworks.compactMap({ $0 }) {
            for (agentSlot, held) in framework.allocations { heldByAgent[agentSlot, default: Resources()] += held }
        }
        for (slot, agent) in agents.enumerated() {
            guard let agent else { continue }
            if agent.free + agent.allocated.unallocated() != agent.total.unallocated() {
                violations.append("agent \(agent.id): free \(agent.free) + allocated \(agent.allocated.unallocated()) != total \(agent.total)")
            }
            if (heldByAgent[slot] ?? Resources()) != agent.allocated {
                violations.append("agent \(agent.id): frameworks hold \(heldByAgent[slot] ?? Resources()) but agent has \(agent.allocated) allocated")
            }
        }
        return violations
    }
}
