import CorralModel

extension MasterCore {
    /// The whole cluster at `now`, consistent because it is read from one value.
    public func snapshot(now: Time) -> ClusterSnapshot {
        ClusterSnapshot(
            time: now, startedAt: startedAt, masterInfo: masterInfo,
            agents: agents.keys.sorted().map { agentSnapshot($0) },
            frameworks: frameworks.keys.sorted().map { frameworkSnapshot($0, now: now) },
            offers: offers.values.sorted { ($0.createdAt, $0.offer.id) < ($1.createdAt, $1.offer.id) }.map {
                OfferSnapshot(offer: $0.offer, createdAt: $0.createdAt)
            },
            tasks: tasks.values.sorted { ($0.launchedAt, $0.key) < ($1.launchedAt, $1.key) },
            completedTasks: completedTasks,
            roles: allocator.roleOrder.map { role in
                RoleSnapshot(
                    name: role, weight: allocator.weight(of: role), dominantShare: allocator.dominantShare(ofRole: role),
                    frameworks: allocator.frameworkOrder(inRole: role),
                    allocated: frameworks.keys.reduce(Resources()) { $0 + allocator.allocation(of: $1).filter { $0.allocationRole == role } })
            },
            nextFramework: allocator.nextFramework,
            offersMade: offersMade,
            taskUsage: taskUsage,
            completedFrameworks: completedFrameworks)
    }

    func agentSnapshot(_ id: AgentID) -> AgentSnapshot {
        let agent = agents[id]!
        return AgentSnapshot(
            info: agent.info, id: id, active: agent.active, registeredAt: agent.registeredAt,
            total: agent.info.resources, used: usedResources(onAgent: id), offered: offeredResources(onAgent: id),
            usage: agent.usage, taskCount: agent.tasks.count, isolation: agent.isolation)
    }

    func frameworkSnapshot(_ id: FrameworkID, now: Time) -> FrameworkSnapshot {
        let framework = frameworks[id]!
        let active = framework.tasks.compactMap { tasks[TaskKey(id, $0)] }.filter { !$0.state.isTerminal }
        return FrameworkSnapshot(
            info: framework.info, id: id, active: framework.connected, connected: framework.connected,
            registeredAt: framework.registeredAt, dominantShare: allocator.dominantShare(of: id),
            used: active.reduce(Resources()) { $0 + $1.resources },
            offered: framework.offers.compactMap { offers[$0]?.offer.resources }.reduce(Resources(), +),
            taskCount: active.count, offerCount: framework.offers.count)
    }

    /// Held by the agent's tasks that have not ended, and by their executors.
    func usedResources(onAgent id: AgentID) -> Resources {
        let byTasks = (agents[id]?.tasks ?? []).compactMap { tasks[$0] }.filter { !$0.state.isTerminal }.reduce(Resources()) { $0 + $1.resources }
        return executors.values.filter { $0.agentID == id }.reduce(byTasks) { $0 + $1.resources }
    }

    func offeredResources(onAgent id: AgentID) -> Resources {
        (agents[id]?.offers ?? []).compactMap { offers[$0]?.offer.resources }.reduce(Resources(), +)
    }

    public var frameworkIDs: [FrameworkID] { frameworks.keys.sorted() }
    public var agentIDs: [AgentID] { agents.keys.sorted() }
    public func task(_ key: TaskKey) -> TaskRecord? { tasks[key] ?? completedTasks.last { $0.key == key } }
    public func outstandingOffers(of frameworkID: FrameworkID) -> [Offer] {
        (frameworks[frameworkID]?.offers ?? []).compactMap { offers[$0]?.offer }.sorted { $0.id < $1.id }
    }
}

extension MasterCore {
    /// Every offer is outstanding in one place, and on every agent offered + used + free adds up
    /// to the total. Returns one line per violation (empty when the books balance).
    public func invariantViolations() -> [String] {
        var violations = allocator.invariantViolations()
        for (id, agent) in agents {
            let offered = offeredResources(onAgent: id).unallocated()
            let used = usedResources(onAgent: id).unallocated()
            let free = allocator.free(on: id)
            if offered + used + free != agent.info.resources.unallocated() {
                violations.append("agent \(id): offered \(offered) + used \(used) + free \(free) != total \(agent.info.resources)")
            }
            for offerID in agent.offers where offers[offerID]?.offer.agentID != id {
                violations.append("agent \(id) lists offer \(offerID) that is not outstanding on it")
            }
        }
        for (offerID, record) in offers {
            if frameworks[record.offer.frameworkID]?.offers.contains(offerID) != true {
                violations.append("offer \(offerID) is not listed by its framework \(record.offer.frameworkID)")
            }
        }
        return violations
    }
}

extension MasterCore {
    public func knows(_ frameworkID: FrameworkID) -> Bool { frameworks[frameworkID] != nil }
}
