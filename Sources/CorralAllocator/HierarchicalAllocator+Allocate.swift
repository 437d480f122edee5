import CorralModel

extension HierarchicalAllocator {
    /// Whether an event since the last cycle freed or changed something worth a cycle.
    public var hasPendingWork: Bool { allAgentsDirty || !dirtyAgents.isEmpty }

    /// One allocation cycle. With `allAgents` (the periodic pass) every active agent is looked at;
    /// otherwise only those whose resources changed since the last cycle (the coalesced pass that
    /// follows events).
    ///
    /// Stage 1 gives roles with unmet quota guarantees what they are owed; stage 2 shares the rest
    /// by weighted DRF, holding back what is still owed to guarantees (the headroom) and never
    /// going past a role's limit. Within a role the framework with the lowest share goes first.
    public mutating func allocate<G: RandomNumberGenerator>(
        now: ClusterInstant, random: inout G, allAgents: Bool = true
    ) -> [Allocation] {
        var candidates: [Int]
        if allAgents || allAgentsDirty {
            candidates = agents.indices.filter { agents[$0]?.active == true }
        } else {
            candidates = dirtyAgents.sorted().filter { agents[$0]?.active == true }
        }
        dirtyAgents.removeAll(keepingCapacity: true)
        allAgentsDirty = false
        guard !candidates.isEmpty, !frameworkSlots.isEmpty else { return [] }
        // Mesos shuffles agents so that no agent is always offered first; seeded, so it replays.
        candidates.shuffle(using: &random)

        var cycle = AllocationCycle(allocator: self, now: now)
        var result: [Allocation] = []
        if cycle.hasUnmetGuarantees {
            for agentSlot in candidates { allocateGuarantees(on: agentSlot, cycle: &cycle, into: &result) }
        }
        for agentSlot in candidates { allocateFairShare(on: agentSlot, cycle: &cycle, into: &result) }
        return result
    }

    /// Stage 1: roles below their guarantee, lowest share first, get up to what they are owed.
    private mutating func allocateGuarantees(on agentSlot: Int, cycle: inout AllocationCycle, into result: inout [Allocation]) {
        var index = 0
        while index < roleSorter.order.count {
            let roleSlot = roleSorter.order[index]
            index += 1
            let role = roles[roleSlot].name
            guard let owed = cycle.unmet[role], owed.values.contains(where: { $0 > 0 }) else { continue }
            guard let agent = agents[agentSlot] else { return }
            var available = agent.free.allocatable(to: role)
            available = capScalars(available, at: owed)
            available = capToLimit(available, role: roleSlot)
            guard let granted = offerToFramework(in: roleSlot, resources: available, agentSlot: agentSlot, stage: .guarantee, cycle: cycle) else { continue }
            result.append(granted)
            let quantities = space.vector(granted.resources.unreserved)
            cycle.unmet[role]! -= quantities
            cycle.clusterFree -= quantities
            cycle.requiredHeadroom = cycle.computeRequiredHeadroom()
        }
    }

    /// Stage 2: weighted DRF over roles, then over the frameworks of the role.
    private mutating func allocateFairShare(on agentSlot: Int, cycle: inout AllocationCycle, into result: inout [Allocation]) {
        var index = 0
        while index < roleSorter.order.count {
            let roleSlot = roleSorter.order[index]
            index += 1
            guard let agent = agents[agentSlot], !agent.free.isEmpty else { return }
            let role = roles[roleSlot].name
            var available = agent.free.allocatable(to: role)
            available = capToLimit(available, role: roleSlot)
            if cycle.hasUnmetGuarantees {
                // Unreserved resources still owed to other roles' guarantees stay free.
                var surplus = cycle.clusterFree
                surplus -= cycle.requiredHeadroom
                if let owedHere = cycle.unmet[role] { surplus += owedHere }
                available = capScalars(available, at: surplus, reservedToo: false)
            }
            guard let granted = offerToFramework(in: roleSlot, resources: available, agentSlot: agentSlot, stage: .fairShare, cycle: cycle) else { continue }
            result.append(granted)
            let quantities = space.vector(granted.resources.unreserved)
            cycle.clusterFree -= quantities
            if cycle.unmet[role] != nil {
                cycle.unmet[role]! -= quantities
                cycle.requiredHeadroom = cycle.computeRequiredHeadroom()
            }
            // The role's share grew; the order changed. Start again from the new front, since a
            // reserved remainder may suit another role.
            index = 0
        }
    }

    /// Offers `resources` to the first framework of the role (lowest share first) that wants
    /// them: active, not suppressed for the role, and without a filter refusing them.
    private mutating func offerToFramework(
        in roleSlot: Int, resources: Resources, agentSlot: Int, stage: OfferReason.Stage, cycle: AllocationCycle
    ) -> Allocation? {
        guard isAllocatable(resources) else { return nil }
        let role = roles[roleSlot].name
        let offered = resources.allocated(to: role)
        var passedOver: [(slot: Int, reason: PassedOver.Reason)] = []
        var index = 0
        while index < roles[roleSlot].frameworks.order.count {
            let frameworkSlot = roles[roleSlot].frameworks.order[index]
            index += 1
            // Read what the checks need without copying the record: a copy held across `grant`
            // would make it copy the framework's whole allocation table.
            let wish = wantsOffer(frameworkSlot, role: role, agentSlot: agentSlot, offered: offered, now: cycle.now)
            guard case .wants(let frameworkID) = wish else {
                if case .passes(let reason) = wish, passedOver.count < OfferReason.listed { passedOver.append((frameworkSlot, reason)) }
                continue
            }
            // The reason is read before the grant moves the orders.
            let reason = offerReason(stage, role: roleSlot, framework: frameworkSlot, passedOver: passedOver)
            // A pool that cannot give what it offers gives nothing: offering anyway would
            // loop the allocation pass forever.
            guard grant(offered, to: frameworkSlot, role: role, on: agentSlot), let agentID = agents[agentSlot]?.id else { return nil }
            return Allocation(frameworkID: frameworkID, agentID: agentID, role: role, resources: offered, reason: reason)
        }
        return nil
    }

    /// Whether a framework takes an offer of `offered` for `role` on this agent now, and if not,
    /// why (expired filters are dropped on the way).
    enum OfferWish {
        case wants(FrameworkID)
        case passes(PassedOver.Reason)
    }

    private mutating func wantsOffer(_ slot: Int, role: String, agentSlot: Int, offered: Resources, now: ClusterInstant) -> OfferWish {
        guard let id = frameworks[slot]?.id, frameworks[slot]?.active == true, frameworks[slot]?.roles.contains(role) == true else { return .passes(.inactive) }
        if frameworks[slot]?.suppressedRoles.contains(role) == true { return .passes(.suppressed) }
        if let filters = frameworks[slot]?.filters[agentSlot] {
            let live = filters.filter { now < $0.expires }
            if live.count != filters.count { frameworks[slot]?.filters[agentSlot] = live.isEmpty ? nil : live }
            if live.contains(where: { $0.refuses(offered, at: now) }) { return .passes(.filtered) }
        }
        return .wants(id)
    }

    func isAllocatable(_ resources: Resources) -> Bool {
        resources.cpus >= configuration.minAllocatableCPUs || resources.mem >= configuration.minAllocatableMem
    }

    /// Caps the role's offer so its allocation stays within its quota limit.
    private func capToLimit(_ resources: Resources, role roleSlot: Int) -> Resources {
        guard let limit = quotas[roles[roleSlot].name]?.limit else { return resources }
        var room = space.vector(limit)
        room -= roles[roleSlot].allocated
        for (name, _) in limit {
            guard let index = space.existingIndex(of: name), room[index] < 0 else { continue }
            room.add(-room[index], at: index)
        }
        return capScalars(resources, at: room, only: Set(limit.keys))
    }

    /// Reduces each scalar of `resources` to at most `caps` (per name). Names not in `only` (when
    /// given) are left alone; with `reservedToo` false, reserved resources are never cut.
    private func capScalars(_ resources: Resources, at caps: ScalarVector, only: Set<String>? = nil, reservedToo: Bool = true) -> Resources {
        var remaining = caps
        var capped = Resources()
        for var resource in resources {
            guard case .scalar(let amount) = resource.value,
                reservedToo || !resource.isReserved,
                only?.contains(resource.name) ?? true,
                let index = space.existingIndex(of: resource.name)
            else {
                capped.add(resource)
                continue
            }
            let allowed = Swift.max(0, Swift.min(amount, remaining[index]))
            remaining.add(-allowed, at: index)
            resource.value = .scalar(allowed)
            capped.add(resource)
        }
        return capped
    }
}

/// Per-cycle bookkeeping for quota: what each role is still owed and what is free cluster-wide.
struct AllocationCycle {
    let now: ClusterInstant
    /// Unmet guarantees by role (only roles with a guarantee appear).
    var unmet: [String: ScalarVector] = [:]
    /// Free unreserved scalars across active agents.
    var clusterFree = ScalarVector()
    var requiredHeadroom = ScalarVector()

    init(allocator: HierarchicalAllocator, now: ClusterInstant) {
        self.now = now
        let guaranteed = allocator.quotas.filter { !$0.value.guarantee.isEmpty }
        guard !guaranteed.isEmpty else { return }
        for (role, quota) in guaranteed {
            var owed = allocator.space.vector(quota.guarantee)
            if let slot = allocator.roleSlots[role] { owed -= allocator.roles[slot].allocated }
            let clamped = ScalarVector(clampingNegatives: owed)
            if clamped.values.contains(where: { $0 > 0 }) { unmet[role] = clamped }
        }
        var space = allocator.space
        for agent in allocator.agents.compactMap({ $0 }) where agent.active {
            clusterFree += space.vector(agent.free.unreserved)
        }
        requiredHeadroom = computeRequiredHeadroom()
    }

    var hasUnmetGuarantees: Bool { !unmet.isEmpty }

    func computeRequiredHeadroom() -> ScalarVector {
        var headroom = ScalarVector()
        for owed in unmet.values { headroom += ScalarVector(clampingNegatives: owed) }
        return headroom
    }
}

extension ScalarVector {
    init(clampingNegatives vector: ScalarVector) {
        self.init(count: vector.values.count)
        for (index, amount) in vector.values.enumerated() where amount > 0 { add(amount, at: index) }
    }
}
