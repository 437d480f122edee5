import CorralModel

extension MasterCore {
    mutating func subscribe(
        _ requested: FrameworkInfo, suppressedRoles: [String], connection: ConnectionID, now: ClusterInstant,
        into actions: inout [MasterAction]
    ) {
        var info = requested
        if info.roles.isEmpty { info.roles = ["*"] }
        if let problem = subscriptionProblem(info) {
            actions.append(.refuseSubscription(connection, reason: problem))
            return
        }
        if let id = info.id, var existing = frameworks[id] {
            // Failover: the framework comes back on a new connection and keeps its tasks.
            if let old = existing.connection, old != connection { actions.append(.closeConnection(old)) }
            existing.info = info
            existing.connection = connection
            existing.disconnectedAt = nil
            existing.recovered = false
            frameworks[id] = existing
            allocator.updateFramework(id, roles: info.roles, suppressedRoles: Set(suppressedRoles))
            allocator.setFrameworkActive(id, true)
            actions.append(.bindFramework(connection, id))
            actions.append(.send(id, .subscribed(frameworkID: id, heartbeatIntervalSeconds: configuration.heartbeatInterval, masterInfo: masterInfo)))
            actions.append(.publish(.frameworkUpdated(frameworkSnapshot(id, now: now))))
        } else {
            // A new framework, or one whose ID this master has never seen (a master restart):
            // Mesos lets it keep the ID it asks for.
            let id = info.id ?? makeFrameworkID()
            info.id = id
            frameworks[id] = FrameworkRecord(info: info, connection: connection, registeredAt: now.wall)
            allocator.addFramework(id, roles: info.roles, suppressedRoles: Set(suppressedRoles))
            actions.append(.bindFramework(connection, id))
            actions.append(.send(id, .subscribed(frameworkID: id, heartbeatIntervalSeconds: configuration.heartbeatInterval, masterInfo: masterInfo)))
            actions.append(.publish(.frameworkAdded(frameworkSnapshot(id, now: now))))
        }
        requestAllocation(into: &actions)
    }

    /// Why this subscription is refused, or nil: its principal may not register in one of its
    /// roles (`register_frameworks`), or it names a framework another principal registered —
    /// a framework's ID is public, its principal is what makes it its own.
    private func subscriptionProblem(_ info: FrameworkInfo) -> String? {
        // A framework ID becomes a directory on every agent that runs its tasks.
        if let id = info.id, let problem = id.pathProblem { return "Framework ID '\(id)' \(problem)" }
        if info.roles.count > configuration.maximumRolesPerFramework {
            return "A framework may have at most \(configuration.maximumRolesPerFramework) roles, got \(info.roles.count)"
        }
        for role in info.roles where role != "*" {
            if let problem = RoleName.problem(role) { return "Role '\(role)' \(problem)" }
        }
        if info.id.map({ frameworks[$0] == nil }) ?? true, frameworks.count >= configuration.maximumFrameworks {
            return "The master holds its maximum of \(configuration.maximumFrameworks) frameworks; tear one down first"
        }
        let refused = info.roles.filter { !configuration.acls.allows(.registerFrameworks, principal: info.principal, object: $0) }
        if !refused.isEmpty {
            let who = info.principal.map { "Principal '\($0)'" } ?? "An anonymous framework"
            return "Not authorized: \(who) may not register in role(s) \(refused.map { "'\($0)'" }.joined(separator: ", "))"
        }
        if let id = info.id, let existing = frameworks[id], let owner = existing.info.principal, owner != info.principal {
            return "Framework \(id) is registered by principal '\(owner)', not \(info.principal.map { "'\($0)'" } ?? "an anonymous one")"
        }
        return nil
    }

    /// The framework's stream closed. Its offers go back; without a failover timeout it is
    /// removed at once (as Mesos does), otherwise it has that long to come back.
    mutating func frameworkDisconnected(_ id: FrameworkID, connection: ConnectionID, now: ClusterInstant, into actions: inout [MasterAction]) {
        guard var framework = frameworks[id], framework.connection == connection else { return }
        if framework.info.failoverTimeout <= 0 {
            removeFramework(id, now: now, into: &actions)
            return
        }
        framework.connection = nil
        framework.disconnectedAt = now
        frameworks[id] = framework
        allocator.setFrameworkActive(id, false)
        for offerID in framework.offers { rescind(offerID, reason: "framework disconnected", now: now, into: &actions) }
        actions.append(.publish(.frameworkUpdated(frameworkSnapshot(id, now: now))))
    }

    mutating func expireDisconnectedFrameworks(now: ClusterInstant, into actions: inout [MasterAction]) {
        let expired = frameworks.values.filter { framework in
            guard let since = framework.disconnectedAt else { return false }
            return now - since >= .clampedSeconds(framework.info.failoverTimeout)
        }
        for framework in expired.sorted(by: { $0.id < $1.id }) { removeFramework(framework.id, now: now, into: &actions) }
    }

    /// TEARDOWN, or a failover timeout: kill its tasks, return its offers, forget it.
    mutating func removeFramework(_ id: FrameworkID, now: ClusterInstant, into actions: inout [MasterAction]) {
        guard let framework = frameworks[id] else { return }
        for offerID in framework.offers.sorted() { removeOffer(offerID, recover: true, now: now) }
        var agentsToShutDown: Set<AgentID> = []
        for taskID in framework.tasks.sorted() {
            guard let task = tasks[TaskKey(id, taskID)] else { continue }
            agentsToShutDown.insert(task.agentID)
            let status = masterStatus(taskID, .killed, reason: .frameworkRemoved, message: "Framework \(id) removed", agentID: task.agentID, now: now)
            applyStatus(status, to: task.key, now: now, into: &actions)
            completeTask(task.key)
        }
        for agentID in agentsToShutDown.sorted() where agents[agentID] != nil {
            actions.append(.shutdownFramework(agentID, id))
        }
        if let connection = framework.connection { actions.append(.closeConnection(connection)) }
        var last = frameworkSnapshot(id, now: now)
        last.active = false
        last.connected = false
        completedFrameworks.append(last)
        if completedFrameworks.count > 100 { completedFrameworks.removeFirst(completedFrameworks.count - 100) }
        allocator.removeFramework(id)
        heldByFramework[id] = nil
        frameworks[id] = nil
        actions.append(.publish(.frameworkRemoved(id, name: framework.info.name)))
        requestAllocation(into: &actions)
    }
}
