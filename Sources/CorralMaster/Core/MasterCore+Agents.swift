import CorralModel

extension MasterCore {
    /// An agent registers: a new one gets an ID; one that has an ID comes back (its link
    /// dropped, it restarted, or this master did) and re-registers with what it still holds. An
    /// agent marked gone is refused.
    mutating func registerAgent(
        _ requested: AgentInfo, isolation: String?, inventory: AgentInventory, connection: ConnectionID, principal: String?,
        now: ClusterInstant, into actions: inout [MasterAction]
    ) {
        // The reports alone, before anything about the agent is checked: what the master has
        // booked for an ID is told only to that ID's agent, in `reregisterAgent`.
        if let problem = agentProblem(requested) ?? inventoryProblem(inventory, on: nil, total: requested.resources, usingBooks: false) {
            actions.append(.refuseAgent(connection, reason: problem))
            return
        }
        if requested.id == nil, let existing = agentAt(requested.hostname, port: requested.port) {
            // Mesos knows an agent by its address: a registration without an ID from where an
            // agent already is comes from that agent asking again (a retried request, or a
            // restart that lost its work directory). It keeps its ID and brings what it holds
            // now; a second agent for one process would be a ghost that is offered and lost.
            bind(existing, to: principal, into: &actions)
            if agents[existing] != nil {
                reregisterAgent(existing, isolation: isolation, inventory: inventory, connection: connection, now: now, into: &actions)
            } else {
                var info = requested
                info.id = existing
                admitAgent(info, isolation: isolation, inventory: inventory, connection: connection, now: now, into: &actions)
            }
            return
        }
        guard let id = requested.id else {
            var info = requested
            let id = makeAgentID()
            info.id = id
            bind(id, to: principal, into: &actions)
            admitAgent(info, isolation: isolation, inventory: inventory, connection: connection, now: now, into: &actions)
            return
        }
        if registry.gone[id] != nil {
            actions.append(.refuseAgent(connection, reason: "Agent \(id) has been marked gone"))
            return
        }
        if let principal, let bound = registry.principals[id], bound != principal {
            actions.append(.refuseAgent(connection, reason: "Agent \(id) is registered with another principal than '\(principal)'"))
            return
        }
        bind(id, to: principal, into: &actions)
        if agents[id] != nil {
            reregisterAgent(id, isolation: isolation, inventory: inventory, connection: connection, now: now, into: &actions)
        } else {
            // Recovered from the registry, unreachable since before this master started, or not
            // known at all (the registry was lost): Mesos 1.5 and later take such agents back
            // with their tasks.
            admitAgent(requested, isolation: isolation, inventory: inventory, connection: connection, now: now, into: &actions)
        }
    }

    /// The agent registered from this address (reachable or not: one process at an address
    /// that lost its ID is the agent that was there), or the agent the registry admitted there
    /// that has not re-registered since this master started, if any.
    private func agentAt(_ hostname: String, port: Int) -> AgentID? {
        if let id = agentsByAddress[Self.address(hostname, port)], agents[id] != nil { return id }
        return recovered.filter { $0.value.hostname == hostname && $0.value.port == port }.keys.sorted().first
    }

    static func address(_ hostname: String, _ port: Int) -> String { "\(hostname):\(port)" }

    /// Why this agent may not register, or nil: caps on agents and on the resource names one
    /// brings, and names the allocator can key on.
    private func agentProblem(_ info: AgentInfo) -> String? {
        if let id = info.id, let problem = id.pathProblem { return "Agent ID '\(id)' \(problem)" }
        if let problem = AgentInfo.hostnameProblem(info.hostname) {
            return "Agent hostname '\(info.hostname.printablePrefix(80))' \(problem)"
        }
        let names = Set(info.resources.map(\.name))
        if names.count > configuration.maximumResourceNamesPerAgent {
            return "An agent may offer at most \(configuration.maximumResourceNamesPerAgent) kinds of resources, got \(names.count)"
        }
        for name in names.sorted() {
            if let problem = RoleName.resourceNameProblem(name) { return "Resource name '\(name)' \(problem)" }
        }
        if info.id.map({ agents[$0] == nil && recovered[$0] == nil }) ?? true, agents.count >= configuration.maximumAgents {
            return "The master holds its maximum of \(configuration.maximumAgents) agents"
        }
        return nil
    }

    /// Why the tasks an agent reports cannot be running on it, or nil: once taken in, they
    /// would hold more than the agent has. A real agent never reports that; believing it would
    /// leave the allocator offering what tasks already use (found by fuzzing: a REGISTER whose
    /// `ports` had no ranges, with a task on ports 31000-31001). A task the master already
    /// knows here counts with the resources the master gave it, as the books keep it.
    /// With `usingBooks` false only the reports count (nothing the master knows is looked up).
    func inventoryProblem(_ inventory: AgentInventory, on agent: AgentID?, total: Resources, usingBooks: Bool) -> String? {
        var held = Resources()
        var seen = Set<TaskKey>()
        for report in inventory.tasks where !report.state.isTerminal {
            let key = TaskKey(report.frameworkID, report.task.taskID)
            guard seen.insert(key).inserted else { continue }
            if usingBooks, let known = tasks[key] {
                if known.agentID == agent, !known.state.isTerminal { held.add(known.resources) }
            } else {
                held.add(report.task.resources)
            }
        }
        guard !held.isEmpty else { return nil }
        held = held.unallocated()
        let available = total.unallocated()
        guard !available.contains(held) else { return nil }
        return "The agent's running tasks (register.tasks) hold \(held), more than its resources (register.agent_info.resources) \(available)"
    }

    /// An authenticated agent's ID belongs to its principal, durably, before it hears anything.
    private mutating func bind(_ id: AgentID, to principal: String?, into actions: inout [MasterAction]) {
        guard let principal, registry.principals[id] != principal else { return }
        record(.bindPrincipal(id, principal: principal), into: &actions)
    }

    /// Adds an agent this master has no record of, with the frameworks and tasks it reports.
    /// Its admission is durable before the agent hears it is registered.
    private mutating func admitAgent(
        _ info: AgentInfo, isolation: String?, inventory: AgentInventory, connection: ConnectionID, now: ClusterInstant,
        into actions: inout [MasterAction]
    ) {
        guard let id = info.id else { return }
        let wasUnreachable = registry.unreachable[id] != nil
        if registry.admitted[id] != info { record(.admit(info, at: now.wall), into: &actions) }
        recovered[id] = nil
        agents[id] = AgentRecord(info: info, connection: connection, registeredAt: now.wall, isolation: isolation, lastSeen: now)
        // Bound before its tasks are adopted: a kill for one of them goes out on this link
        // (bound after them, the kill of a task whose framework nobody knows was dropped, and
        // the task ran on unknown to anyone).
        actions.append(.bindAgent(connection, id))
        watchSilence(from: now)
        agentsByAddress[Self.address(info.hostname, info.port)] = id
        adoptFrameworks(inventory.frameworks, now: now, into: &actions)
        // What each framework holds here is booked in one sum per framework and role, in the
        // allocator and in the master's totals alike: an agent coming back after a master
        // failover brings many tasks, and adding them one at a time showed in its cost.
        actions.reserveCapacity(actions.count + inventory.tasks.count + 4)
        let sums = adoptInventory(inventory.tasks, on: id, wasUnreachable: wasUnreachable, now: now, into: &actions)
        for (framework, sum) in sums { account(sum.resources, tasks: sum.tasks, of: framework, on: id, sign: 1) }
        allocator.addAgent(id, total: info.resources, used: sums.map { ($0.0, $0.1.resources) })
        if inventory.draining { deactivate(id, reason: "agent draining", now: now, into: &actions) }
        actions.append(.publish(.agentAdded(agentSnapshot(id))))
        requestAllocation(into: &actions)
    }

    /// The same agent on a new connection (its link dropped, or it restarted): the tasks the
    /// master expected there and the agent no longer has are dropped (lost, for frameworks that
    /// are not partition-aware), as Mesos's reconciliation with a re-registering agent does;
    /// tasks it reports that the master has not heard of are adopted; tasks that were
    /// unreachable are running again.
    private mutating func reregisterAgent(
        _ id: AgentID, isolation: String?, inventory: AgentInventory, connection: ConnectionID, now: ClusterInstant,
        into actions: inout [MasterAction]
    ) {
        guard var agent = agents[id] else { return }
        // The master keeps the resources the agent first registered with; its tasks must fit
        // in those, or the books could never balance again.
        if let problem = inventoryProblem(inventory, on: id, total: agent.info.resources, usingBooks: true) {
            actions.append(.refuseAgent(connection, reason: problem))
            return
        }
        if agent.unreachable { record(.admit(agent.info, at: now.wall), into: &actions) }
        // The agent's older link, if still open, is closed: the agent reads one stream only, and
        // one the master no longer sends on would leave it waiting on a silent connection.
        if agent.connected, agent.connection != connection { actions.append(.disconnectAgent(agent.connection)) }
        agent.connection = connection
        agent.connected = true
        agent.unreachable = false
        agent.active = true
        agent.isolation = isolation
        agent.lastSeen = now
        agents[id] = agent
        watchSilence(from: now)
        allocator.setAgentActive(id, true)
        // A draining agent is offered no more from its registration on (its offers on an older
        // link, if any, go back).
        if inventory.draining { deactivate(id, reason: "agent draining", now: now, into: &actions) }
        actions.append(.bindAgent(connection, id))
        adoptFrameworks(inventory.frameworks, now: now, into: &actions)
        // Tasks the master has not heard of use resources its outstanding offers may hold:
        // those offers go back first, or the agent would be promised twice over.
        let unknown = inventory.tasks.contains { report in tasks[TaskKey(report.frameworkID, report.task.taskID)] == nil && !report.state.isTerminal }
        if unknown {
            for offerID in agent.offers.sorted() { rescind(offerID, reason: "agent reported tasks the master did not know", now: now, into: &actions) }
        }
        let reportedKeys = Set(inventory.tasks.map { TaskKey($0.frameworkID, $0.task.taskID) })
        for key in agent.tasks.sorted() where !reportedKeys.contains(key) {
            guard let task = tasks[key] else { continue }
            if !task.state.isTerminal {
                let partitionAware = frameworks[task.frameworkID]?.info.has(.partitionAware) == true
                let status = masterStatus(
                    task.id, partitionAware ? .dropped : .lost, reason: .reconciliation,
                    message: "Reconciliation: task unknown to the agent", agentID: id, now: now)
                applyStatus(status, to: key, now: now, into: &actions)
                send(status, to: task.frameworkID, into: &actions)
            }
            completeTask(key)
        }
        takeBack(inventory.tasks, on: id, now: now, into: &actions)
        actions.append(.publish(.agentUpdated(agentSnapshot(id))))
        requestAllocation(into: &actions)
    }

    /// The tasks a re-registering agent reports: those that were unreachable run again (their
    /// frameworks hear so), and those the master has not heard of are adopted and booked.
    private mutating func takeBack(_ reports: [RunningTaskReport], on id: AgentID, now: ClusterInstant, into actions: inout [MasterAction]) {
        for report in reports {
            let key = TaskKey(report.frameworkID, report.task.taskID)
            if let task = tasks[key], task.agentID == id {
                if task.state == .unreachable, !report.state.isTerminal {
                    var status = masterStatus(task.id, report.state, reason: .reconciliation, message: "Agent \(id) is reachable again", agentID: id, now: now)
                    status.healthy = task.latestStatus?.healthy
                    tasks[key]?.state = report.state
                    tasks[key]?.statuses.append(status)
                    actions.append(.publish(.taskUpdated(key, status: status)))
                    send(status, to: task.frameworkID, into: &actions)
                }
            } else if tasks[key] == nil, let task = adopt(report, on: id, now: now, into: &actions), !task.state.isTerminal {
                account(task, sign: 1)
                allocator.recordUsed(task.resources, by: task.frameworkID, on: id, role: task.role)
            }
        }
    }

    /// Frameworks an agent reports that this master does not know (it restarted, and they have
    /// not subscribed yet): kept as recovered, disconnected frameworks, so that their tasks are
    /// not killed, with their failover timeout to subscribe again.
    private mutating func adoptFrameworks(_ infos: [FrameworkInfo], now: ClusterInstant, into actions: inout [MasterAction]) {
        for var info in infos {
            guard let id = info.id, frameworks[id] == nil else { continue }
            if info.roles.isEmpty { info.roles = ["*"] }
            frameworks[id] = FrameworkRecord(info: info, connection: nil, registeredAt: now.wall, disconnectedAt: now, recovered: true)
            allocator.addFramework(id, roles: info.roles)
            allocator.setFrameworkActive(id, false)
            actions.append(.publish(.frameworkAdded(frameworkSnapshot(id, now: now))))
        }
    }

    /// A task on an agent that was unreachable runs again: its framework hears it.
    mutating func tell(_ frameworkID: FrameworkID, reachableAgain task: TaskRecord, now: ClusterInstant, into actions: inout [MasterAction]) {
        let status = masterStatus(task.id, task.state, reason: .reconciliation, message: "Agent \(task.agentID) is reachable again", agentID: task.agentID, now: now)
        send(status, to: frameworkID, into: &actions)
    }

    /// Sends a status the master made up to a framework, when it is connected to hear it.
    func send(_ status: TaskStatus, to frameworkID: FrameworkID, into actions: inout [MasterAction]) {
        if frameworks[frameworkID]?.connected == true { actions.append(.send(frameworkID, .update(status))) }
    }

    static func taskRecord(from report: RunningTaskReport, agentID: AgentID, now: ClusterInstant) -> TaskRecord {
        let role = report.task.resources.entries.first?.allocationRole ?? "*"
        return TaskRecord(
            id: report.task.taskID, name: report.task.name, frameworkID: report.frameworkID, agentID: agentID,
            executorID: report.executorID, role: role, resources: tagged(report.task.resources, role: role),
            command: report.task.command, state: report.state, launchedAt: now.wall, labels: report.task.labels,
            discovery: report.task.discovery)
    }

    /// The agent is gone for good (it unregistered, or an operator marked it gone): its offers
    /// are rescinded and its tasks end with `state` (`lost` for frameworks that are not
    /// partition-aware).
    mutating func removeAgent(
        _ id: AgentID, reason: String, taskState state: TaskState = .gone, taskReason: TaskStatus.Reason = .agentRemoved,
        now: ClusterInstant, into actions: inout [MasterAction]
    ) {
        guard let agent = agents[id] else { return }
        for offerID in agent.offers.sorted() { rescind(offerID, reason: "agent removed", now: now, into: &actions) }
        for key in agent.tasks.sorted() {
            guard let task = tasks[key] else { continue }
            if !task.state.isTerminal {
                let partitionAware = frameworks[task.frameworkID]?.info.has(.partitionAware) == true
                let status = masterStatus(task.id, partitionAware ? state : .lost, reason: taskReason, message: "Agent \(id) removed: \(reason)", agentID: id, now: now)
                applyStatus(status, to: key, now: now, into: &actions)
                actions.append(.send(task.frameworkID, .update(status)))
            }
            completeTask(key)
        }
        executors = executors.filter { $0.value.agentID != id }
        allocator.removeAgent(id)
        heldByAgent[id] = nil
        let address = Self.address(agent.info.hostname, agent.info.port)
        if agentsByAddress[address] == id { agentsByAddress[address] = nil }
        agents[id] = nil
        actions.append(.publish(.agentRemoved(id, reason: reason)))
    }

    mutating func recordUsage(_ usage: AgentUsage, into actions: inout [MasterAction]) {
        guard agents[usage.agentID] != nil else { return }
        agents[usage.agentID]?.usage = usage.total
        for (key, taskUsage) in usage.tasks where tasks[key] != nil { self.taskUsage[key] = taskUsage }
        actions.append(.publish(.usageSampled(usage)))
    }
}

extension TaskStatus {
    /// What a framework that is not partition-aware is told instead of TASK_UNREACHABLE.
    func asSeen(byPartitionAware partitionAware: Bool) -> TaskStatus {
        guard !partitionAware, state == .unreachable else { return self }
        var status = self
        status.state = .lost
        return status
    }
}
