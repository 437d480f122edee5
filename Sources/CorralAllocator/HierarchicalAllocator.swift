import CorralModel

/// Hierarchical Dominant Resource Fairness: roles (weights, quota) above, frameworks below.
///
/// A deterministic value: it never reads a clock or a global random source. Time is passed to
/// the calls that depend on it and `allocate` takes the generator that shuffles agents, so the
/// same calls always give the same allocations.
///
/// Resources handed out by `allocate` count as allocated to the framework until the master
/// gives them back with `recover` (an offer declined, rescinded or expired; a task finished).
public struct HierarchicalAllocator: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// Agents whose free resources hold less than both of these are not offered (Mesos's
        /// MIN_CPUS and MIN_MEM): an offer of crumbs only costs a round trip.
        public var minAllocatableCPUs: Double = 0.01
        public var minAllocatableMem: Double = 32

        public init() {}
    }

    struct AgentRecord: Sendable {
        var id: AgentID
        var total: Resources
        /// What is not allocated to any framework, without allocation marks.
        var free: Resources
        /// What frameworks hold (offered or used), marked with the role it is allocated to.
        var allocated: Resources
        var active = true
    }

    struct FrameworkRecord: Sendable {
        var id: FrameworkID
        var roles: [String]
        var suppressedRoles: Set<String>
        var active = true
        /// What the framework holds on each agent (by agent slot), marked with roles.
        var allocations: [Int: Resources] = [:]
        var filters: [Int: [RefuseFilter]] = [:]
    }

    struct RoleRecord: Sendable {
        var name: String
        var frameworks = DRFSorter()
        var allocated = ScalarVector()
    }

    public let configuration: Configuration
    var space = ScalarSpace()
    var agents: [AgentRecord?] = []
    var agentSlots: [AgentID: Int] = [:]
    var frameworks: [FrameworkRecord?] = []
    var frameworkSlots: [FrameworkID: Int] = [:]
    var roles: [RoleRecord] = []
    var roleSlots: [String: Int] = [:]
    var roleSorter = DRFSorter()
    var weights: [String: Double] = [:]
    var quotas: [String: RoleQuota] = [:]
    var totals = ScalarVector()
    /// Agents whose free resources changed since the last cycle; a cycle triggered by an event
    /// looks at these only, the periodic one at all.
    var dirtyAgents: Set<Int> = []
    var allAgentsDirty = false

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    // MARK: Agents

    /// Adds an agent. `used` lists what frameworks already run there (an agent re-registering).
    public mutating func addAgent(_ id: AgentID, total: Resources, used: [(FrameworkID, Resources)] = []) {
        guard agentSlots[id] == nil else { return }
        let slot = agents.count
        agents.append(AgentRecord(id: id, total: total, free: total.unallocated(), allocated: Resources()))
        agentSlots[id] = slot
        totals += space.vector(total)
        refreshTotals()
        for (frameworkID, resources) in used {
            guard let frameworkSlot = frameworkSlots[frameworkID] else { continue }
            let role = resources.entries.first?.allocationRole ?? frameworks[frameworkSlot]!.roles.first ?? "*"
            grant(resources.unallocated().allocated(to: role), to: frameworkSlot, role: role, on: slot)
        }
        dirtyAgents.insert(slot)
    }

    /// Removes an agent and everything allocated on it.
    public mutating func removeAgent(_ id: AgentID) {
        guard let slot = agentSlots[id], let agent = agents[slot] else { return }
        for frameworkSlot in frameworks.indices {
            guard let held = frameworks[frameworkSlot]?.allocations[slot] else { continue }
            release(held, from: frameworkSlot, on: slot)
            frameworks[frameworkSlot]!.filters[slot] = nil
        }
        if agent.active { totals -= space.vector(agent.total) }
        agents[slot] = nil
        agentSlots[id] = nil
        dirtyAgents.remove(slot)
        refreshTotals()
    }

    /// An inactive agent (unreachable, draining) keeps its allocations but gets no new offers.
    public mutating func setAgentActive(_ id: AgentID, _ active: Bool) {
        guard let slot = agentSlots[id], let agent = agents[slot], agent.active != active else { return }
        agents[slot]!.active = active
        if active { totals += space.vector(agent.total); dirtyAgents.insert(slot) } else { totals -= space.vector(agent.total) }
        refreshTotals()
    }

    // MARK: Frameworks

    public mutating func addFramework(_ id: FrameworkID, roles: [String], suppressedRoles: Set<String> = []) {
        guard frameworkSlots[id] == nil else {
            updateFramework(id, roles: roles, suppressedRoles: suppressedRoles)
            return
        }
        let slot = frameworks.count
        frameworks.append(FrameworkRecord(id: id, roles: roles, suppressedRoles: suppressedRoles))
        frameworkSlots[id] = slot
        for role in roles { roleSlot(role, adding: true).map { roles_addFramework(slot, to: $0) } }
        markAllDirty()
    }

    /// Changes a framework's roles; it keeps what it holds in roles it leaves until recovered.
    public mutating func updateFramework(_ id: FrameworkID, roles newRoles: [String], suppressedRoles: Set<String>) {
        guard let slot = frameworkSlots[id] else { return }
        let old = Set(frameworks[slot]!.roles)
        for role in newRoles where !old.contains(role) {
            roles_addFramework(slot, to: roleSlot(role, adding: true)!)
        }
        for role in old where !newRoles.contains(role) {
            if let roleSlot = roleSlots[role], roles[roleSlot].frameworks.allocation(of: slot).values.allSatisfy({ $0 <= 0 }) {
                roles[roleSlot].frameworks.remove(slot)
                updateRoleSorterMembership(roleSlot)
            }
        }
        frameworks[slot]!.roles = newRoles
        frameworks[slot]!.suppressedRoles = suppressedRoles
        markAllDirty()
    }

    /// Removes a framework and gives back everything it holds.
    public mutating func removeFramework(_ id: FrameworkID) {
        guard let slot = frameworkSlots[id], let framework = frameworks[slot] else { return }
        for (agentSlot, held) in framework.allocations { release(held, from: slot, on: agentSlot) }
        for roleSlot in roles.indices where roles[roleSlot].frameworks.contains(slot) {
            roles[roleSlot].frameworks.remove(slot)
            updateRoleSorterMembership(roleSlot)
        }
        frameworks[slot] = nil
        frameworkSlots[id] = nil
    }

    /// A disconnected framework keeps its allocations but gets no offers.
    public mutating func setFrameworkActive(_ id: FrameworkID, _ active: Bool) {
        guard let slot = frameworkSlots[id] else { return }
        frameworks[slot]!.active = active
        if active { markAllDirty() }
    }

    /// Stops offers to the framework for `roles` (all its roles when empty).
    public mutating func suppress(_ id: FrameworkID, roles: [String] = []) {
        guard let slot = frameworkSlots[id] else { return }
        let affected = roles.isEmpty ? frameworks[slot]!.roles : roles
        frameworks[slot]!.suppressedRoles.formUnion(affected)
    }

    /// Resumes offers for `roles` (all when empty) and forgets the framework's refuse filters.
    public mutating func revive(_ id: FrameworkID, roles: [String] = []) {
        guard let slot = frameworkSlots[id] else { return }
        let affected = roles.isEmpty ? frameworks[slot]!.roles : roles
        frameworks[slot]!.suppressedRoles.subtract(affected)
        frameworks[slot]!.filters = [:]
        markAllDirty()
    }

    // MARK: Roles

    public mutating func setWeight(_ role: String, _ weight: Double) {
        weights[role] = weight
        if let slot = roleSlots[role] { roleSorter.setWeight(slot, weight) }
        markAllDirty()
    }

    public mutating func setQuota(_ role: String, _ quota: RoleQuota?) {
        quotas[role] = quota
        for name in (quota?.guarantee.keys).map(Array.init) ?? [] { _ = space.index(of: name) }
        markAllDirty()
    }

    public func weight(of role: String) -> Double { weights[role] ?? 1 }
    public func quota(of role: String) -> RoleQuota? { quotas[role] }

    // MARK: Giving back

    /// Gives back resources the framework held on the agent: a declined, rescinded or expired
    /// offer, or a task that ended. With `filters` (refuse_seconds > 0) the framework is not
    /// offered these resources of this agent again until the filter expires.
    public mutating func recover(
        _ resources: Resources, of frameworkID: FrameworkID, on agentID: AgentID,
        filters: Filters? = nil, origin: FilterOrigin? = nil, now: ClusterInstant
    ) {
        guard let agentSlot = agentSlots[agentID] else { return }
        if let slot = frameworkSlots[frameworkID] {
            release(resources, from: slot, on: agentSlot)
            if let filters, filters.refuseSeconds > 0, !resources.isEmpty {
                let filter = RefuseFilter(resources: resources, expires: now + .clampedSeconds(filters.refuseSeconds), origin: origin)
                frameworks[slot]!.filters[agentSlot, default: []].append(filter)
            }
        } else {
            // The framework is gone; the resources go straight back to the agent.
            let untagged = resources.unallocated()
            if var agent = agents[agentSlot], agent.total.contains(agent.free + untagged) {
                agent.free += untagged
                agents[agentSlot] = agent
            }
        }
        dirtyAgents.insert(agentSlot)
    }

    /// Marks resources of an agent as held by a framework without an offer: tasks found running
    /// when an agent re-registers.
    public mutating func recordUsed(_ resources: Resources, by frameworkID: FrameworkID, on agentID: AgentID, role: String) {
        guard let agentSlot = agentSlots[agentID], let slot = frameworkSlots[frameworkID] else { return }
        grant(resources.unallocated().allocated(to: role), to: slot, role: role, on: agentSlot)
    }

    // MARK: Bookkeeping shared by allocate and recover

    /// Moves `resources` (marked with `role`) from the agent's free pool to the framework.
    /// Returns false, moving nothing, when the pool does not hold them.
    @discardableResult
    mutating func grant(_ resources: Resources, to frameworkSlot: Int, role: String, on agentSlot: Int) -> Bool {
        // The agent's books change in place: a copy of its record held across these lines
        // would make each change copy the whole pool (copy-on-write), once per offer.
        guard agents[agentSlot] != nil else { return false }
        do { try agents[agentSlot]!.free.subtract(resources.unallocated()) } catch { return false }
        agents[agentSlot]!.allocated += resources
        frameworks[frameworkSlot]!.allocations[agentSlot, default: Resources()] += resources
        let quantities = space.vector(resources)
        let roleSlot = roleSlot(role, adding: true)!
        if !roles[roleSlot].frameworks.contains(frameworkSlot) { roles_addFramework(frameworkSlot, to: roleSlot) }
        roles[roleSlot].frameworks.allocated(frameworkSlot, quantities)
        roles[roleSlot].allocated += quantities
        if roleSorter.contains(roleSlot) { roleSorter.allocated(roleSlot, quantities) }
        return true
    }

    /// The reverse of `grant`, for resources marked with the role they were allocated to.
    mutating func release(_ resources: Resources, from frameworkSlot: Int, on agentSlot: Int) {
        guard var held = frameworks[frameworkSlot]?.allocations[agentSlot], var agent = agents[agentSlot] else { return }
        // Only what the framework really holds can come back: a double recover is a no-op.
        let returned = resources.filter { held.contains(Resources([$0])) }
        guard !returned.isEmpty else { return }
        try? held.subtract(returned)
        frameworks[frameworkSlot]!.allocations[agentSlot] = held.isEmpty ? nil : held
        try? agent.allocated.subtract(returned)
        agent.free += returned.unallocated()
        agents[agentSlot] = agent
        var byRole: [String: Resources] = [:]
        for resource in returned { byRole[resource.allocationRole ?? "*", default: Resources()].add(resource) }
        for (role, part) in byRole {
            guard let roleSlot = roleSlots[role] else { continue }
            let quantities = space.vector(part)
            roles[roleSlot].frameworks.unallocated(frameworkSlot, quantities)
            roles[roleSlot].allocated -= quantities
            if roleSorter.contains(roleSlot) { roleSorter.unallocated(roleSlot, quantities) }
        }
    }

    mutating func roleSlot(_ role: String, adding: Bool) -> Int? {
        if let slot = roleSlots[role] { return slot }
        guard adding else { return nil }
        roles.append(RoleRecord(name: role))
        roleSlots[role] = roles.count - 1
        roles[roles.count - 1].frameworks.setTotals(totals)
        return roles.count - 1
    }

    private mutating func roles_addFramework(_ frameworkSlot: Int, to roleSlot: Int) {
        roles[roleSlot].frameworks.add(frameworkSlot)
        updateRoleSorterMembership(roleSlot)
    }

    /// Roles take part in sorting while they have frameworks or hold resources.
    private mutating func updateRoleSorterMembership(_ roleSlot: Int) {
        let role = roles[roleSlot]
        let present = !role.frameworks.isEmpty || role.allocated.values.contains { $0 > 0 }
        if present, !roleSorter.contains(roleSlot) {
            roleSorter.add(roleSlot, weight: weight(of: role.name))
            roleSorter.allocated(roleSlot, role.allocated)
        } else if !present, roleSorter.contains(roleSlot) {
            roleSorter.remove(roleSlot)
        }
    }

    /// New totals rescale every share but make nothing newly free or wanted: only the agent
    /// that came or went needs a look (as in Mesos, which allocates just the added agent).
    /// Marking every agent would make each of 10,000 agents re-registering after a master
    /// failover cost a pass over all of them.
    private mutating func refreshTotals() {
        roleSorter.setTotals(totals)
        for slot in roles.indices { roles[slot].frameworks.setTotals(totals) }
    }

    mutating func markAllDirty() { allAgentsDirty = true }
}
