import CorralModel

extension MasterCore {
    /// The whole cluster at `now`, consistent because it is read from one value. Tasks come in
    /// launch order when `ordered` (the console wants that; the HTTP APIs do not). One pass over tasks and offers gathers every total (a snapshot of 100,000
    /// tasks is taken for every GET_STATE).
    public func snapshot(now: ClusterInstant, ordered: Bool = true) -> ClusterSnapshot {
        var usedByAgent = heldByAgent
        let all = Array(tasks.values)
        for executor in executors.values { usedByAgent[executor.agentID, default: Resources()].add(executor.resources) }
        var offeredByAgent: [AgentID: Resources] = [:]
        var offeredByFramework: [FrameworkID: Resources] = [:]
        for record in offers.values {
            offeredByAgent[record.offer.agentID, default: Resources()].add(record.offer.resources)
            offeredByFramework[record.offer.frameworkID, default: Resources()].add(record.offer.resources)
        }
        // Sorted through indices, so that each record is copied once; unsorted, not at all again.
        let taskList = !ordered ? all : all.indices.sorted { a, b in
            all[a].launchedAt != all[b].launchedAt ? all[a].launchedAt < all[b].launchedAt : all[a].key < all[b].key
        }.map { all[$0] }
        var allocatedByRole: [String: Resources] = [:]
        for id in frameworks.keys {
            for resource in allocator.allocation(of: id) { allocatedByRole[resource.allocationRole ?? "*", default: Resources()].add(resource) }
        }
        var snapshot = ClusterSnapshot(
            time: now.wall, startedAt: startedAt, masterInfo: masterInfo,
            agents: agents.keys.sorted().map { id in
                agentSnapshot(id, used: usedByAgent[id] ?? Resources(), offered: offeredByAgent[id] ?? Resources())
            },
            frameworks: frameworks.keys.sorted().map { id in
                frameworkSnapshot(id, used: heldByFramework[id]?.resources ?? Resources(), offered: offeredByFramework[id] ?? Resources(), taskCount: heldByFramework[id]?.tasks ?? 0)
            },
            offers: offers.values.sorted { ($0.createdAt, $0.offer.id) < ($1.createdAt, $1.offer.id) }.map {
                OfferSnapshot(offer: $0.offer, createdAt: $0.createdAt.wall)
            },
            tasks: taskList,
            completedTasks: completedTasks,
            roles: allocator.roleOrder.map { role in
                RoleSnapshot(
                    name: role, weight: allocator.weight(of: role), dominantShare: allocator.dominantShare(ofRole: role),
                    frameworks: allocator.frameworkOrder(inRole: role), allocated: allocatedByRole[role] ?? Resources())
            },
            nextFramework: allocator.nextFramework,
            offersMade: offersMade,
            taskUsage: taskUsage,
            completedFrameworks: completedFrameworks)
        snapshot.clusterID = registry.clusterID
        snapshot.tasksEnded = tasksEnded
        snapshot.recoveredAgents = recovered.keys.sorted().compactMap { recovered[$0] }
        snapshot.unreachableAgents = Self.absences(registry.unreachable)
        snapshot.goneAgents = Self.absences(registry.gone)
        return snapshot
    }

    private static func absences(_ list: [AgentID: Time]) -> [AgentAbsence] {
        list.map { AgentAbsence(agentID: $0.key, since: $0.value) }.sorted { ($0.since, $0.agentID) < ($1.since, $1.agentID) }
    }

    func agentSnapshot(_ id: AgentID) -> AgentSnapshot {
        agentSnapshot(id, used: usedResources(onAgent: id), offered: offeredResources(onAgent: id))
    }

    private func agentSnapshot(_ id: AgentID, used: Resources, offered: Resources) -> AgentSnapshot {
        let agent = agents[id]!
        return AgentSnapshot(
            info: agent.info, id: id, active: agent.active, registeredAt: agent.registeredAt,
            total: agent.info.resources, used: used, offered: offered,
            usage: agent.usage, taskCount: agent.tasks.count, isolation: agent.isolation)
    }

    func frameworkSnapshot(_ id: FrameworkID, now: ClusterInstant) -> FrameworkSnapshot {
        let framework = frameworks[id]!
        var offered = Resources()
        for offerID in framework.offers { if let offer = offers[offerID] { offered.add(offer.offer.resources) } }
        return frameworkSnapshot(id, used: heldByFramework[id]?.resources ?? Resources(), offered: offered, taskCount: heldByFramework[id]?.tasks ?? 0)
    }

    private func frameworkSnapshot(_ id: FrameworkID, used: Resources, offered: Resources, taskCount: Int) -> FrameworkSnapshot {
        let framework = frameworks[id]!
        return FrameworkSnapshot(
            info: framework.info, id: id, active: framework.connected, connected: framework.connected,
            registeredAt: framework.registeredAt, dominantShare: allocator.dominantShare(of: id),
            used: used, offered: offered, taskCount: taskCount, offerCount: framework.offers.count, recovered: framework.recovered)
    }

    /// Held by the agent's tasks that have not ended, and by their executors.
    func usedResources(onAgent id: AgentID) -> Resources {
        var used = heldByAgent[id] ?? Resources()
        for executor in executors.values where executor.agentID == id { used.add(executor.resources) }
        return used
    }

    func offeredResources(onAgent id: AgentID) -> Resources {
        var offered = Resources()
        for offerID in agents[id]?.offers ?? [] { if let record = offers[offerID] { offered.add(record.offer.resources) } }
        return offered
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
        var violations = allocator.invariantViolations() + deadlineFloorViolations()
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
        // The running totals agree with the tasks they count.
        var recounted: [AgentID: Resources] = [:]
        for task in tasks.values where !task.state.isTerminal { recounted[task.agentID, default: Resources()].add(task.resources) }
        for id in agents.keys where (recounted[id] ?? Resources()) != (heldByAgent[id] ?? Resources()) {
            violations.append("agent \(id): tasks hold \(recounted[id] ?? Resources()) but the running total says \(heldByAgent[id] ?? Resources())")
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

    /// The principal the framework registered with, nil when it registered without one.
    public func principal(of frameworkID: FrameworkID) -> String? { frameworks[frameworkID]?.info.principal }
}
