import CorralModel

extension MasterCore {
    /// ACCEPT: validates the offers, then each operation in order against what the offers hold.
    /// Nothing a framework sends here can crash the master: every problem becomes a task status
    /// with a reason, and unused resources go back to the allocator with the call's filters.
    mutating func accept(
        _ offerIDs: [OfferID], operations: [Operation], filters: Filters, from frameworkID: FrameworkID,
        now: Time, into actions: inout [MasterAction]
    ) {
        guard let framework = frameworks[frameworkID] else { return }
        if let problem = offerProblem(offerIDs, frameworkID: frameworkID) {
            // Offers that were valid go back without a filter: the framework never used them.
            for offerID in Set(offerIDs) where offers[offerID]?.offer.frameworkID == frameworkID {
                removeOffer(offerID, recover: true, filters: nil, now: now)
            }
            let state: TaskState = framework.info.has(.partitionAware) ? .dropped : .lost
            for task in operations.flatMap(\.launchedTasks) where !knowsTask(task.taskID, of: frameworkID) {
                let status = masterStatus(task.taskID, state, reason: .invalidOffers, message: problem, agentID: task.agentID, now: now)
                actions.append(.send(frameworkID, .update(status)))
            }
            requestAllocation(into: &actions)
            return
        }

        let accepted = offerIDs.map { offers[$0]!.offer }
        let agentID = accepted[0].agentID
        var pool = Resources()
        for offer in accepted {
            pool += offer.resources
            removeOffer(offer.id, recover: false, filters: nil, now: now)
            actions.append(.publish(.offerAccepted(offer.id, frameworkID: frameworkID, agentID: agentID)))
        }
        let defaultRole = accepted[0].role

        for operation in operations {
            switch operation {
            case .launch(let infos):
                var launched: [TaskInfo] = []
                for info in infos {
                    let resources = Self.tagged(info.resources, role: defaultRole)
                    if let problem = userProblem(info, framework: framework.info) {
                        reject(info, reason: .taskUnauthorized, message: problem, frameworkID: frameworkID, now: now, into: &actions)
                        continue
                    }
                    if let problem = taskProblem(info, resources: resources, agentID: agentID, pool: pool, frameworkID: frameworkID) {
                        reject(info, reason: .taskInvalid, message: problem, frameworkID: frameworkID, now: now, into: &actions)
                        continue
                    }
                    try? pool.subtract(resources)
                    addTask(info, resources: resources, executor: nil, frameworkID: frameworkID, now: now, into: &actions)
                    launched.append(info)
                }
                if !launched.isEmpty {
                    actions.append(.launch(agentID, LaunchRequest(framework: framework.info, tasks: launched)))
                }
            case .launchGroup(let executor, let infos):
                var groupPool = pool
                var problems: [String] = []
                let executorResources = Self.tagged(executor.resources, role: defaultRole)
                if !groupPool.contains(executorResources) {
                    problems.append("Executor uses more resources (\(executorResources)) than remain in the offers (\(groupPool))")
                } else {
                    try? groupPool.subtract(executorResources)
                }
                let duplicated = Dictionary(grouping: infos, by: \.taskID).filter { $0.value.count > 1 }.keys
                problems += duplicated.sorted().map { "Task ID '\($0)' appears twice in the group" }
                let unauthorized = infos.compactMap { info in userProblem(info, framework: framework.info).map { "Task '\(info.taskID)': \($0)" } }
                if let problem = unauthorized.first {
                    for info in infos {
                        reject(info, reason: .taskUnauthorized, message: "Task group is unauthorized: \(problem)", frameworkID: frameworkID, now: now, into: &actions)
                    }
                    continue
                }
                for info in infos where problems.isEmpty {
                    let resources = Self.tagged(info.resources, role: defaultRole)
                    if let problem = taskProblem(info, resources: resources, agentID: agentID, pool: groupPool, frameworkID: frameworkID, needsCommand: true) {
                        problems.append("Task '\(info.taskID)': \(problem)")
                    } else {
                        try? groupPool.subtract(resources)
                    }
                }
                if let problem = problems.first {
                    for info in infos {
                        reject(info, reason: .taskGroupInvalid, message: "Task group is invalid: \(problem)", frameworkID: frameworkID, now: now, into: &actions)
                    }
                    continue
                }
                pool = groupPool
                executors[ExecutorKey(frameworkID: frameworkID, executorID: executor.executorID)] = ExecutorRecord(
                    frameworkID: frameworkID, agentID: agentID, resources: executorResources, tasks: Set(infos.map(\.taskID)))
                for info in infos {
                    addTask(info, resources: Self.tagged(info.resources, role: defaultRole), executor: executor.executorID, frameworkID: frameworkID, now: now, into: &actions)
                }
                actions.append(.launch(agentID, LaunchRequest(framework: framework.info, tasks: infos, executor: executor)))
            case .reserve, .unreserve, .create, .destroy:
                // Dynamic reservations and persistent volumes are not carried out yet; the
                // resources stay in the pool and go back with the rest below.
                break
            }
        }

        if !pool.isEmpty {
            allocator.recover(pool, of: frameworkID, on: agentID, filters: filters, now: now)
            requestAllocation(into: &actions)
        }
    }

    /// Why the offers of an ACCEPT cannot be used, or nil when they can.
    private func offerProblem(_ offerIDs: [OfferID], frameworkID: FrameworkID) -> String? {
        if offerIDs.isEmpty { return "No offers were given" }
        if Set(offerIDs).count != offerIDs.count { return "An offer appears more than once" }
        var agentIDs: Set<AgentID> = []
        for offerID in offerIDs {
            guard let record = offers[offerID] else { return "Offer \(offerID) is no longer valid" }
            guard record.offer.frameworkID == frameworkID else { return "Offer \(offerID) belongs to another framework" }
            agentIDs.insert(record.offer.agentID)
        }
        if agentIDs.count > 1 { return "Offers are on more than one agent: \(agentIDs.sorted().map(\.value).joined(separator: ", "))" }
        if agents[agentIDs.first!] == nil { return "Agent \(agentIDs.first!) is gone" }
        return nil
    }

    /// Why the framework's principal may not run this task as its user (`run_tasks`), or nil.
    private func userProblem(_ info: TaskInfo, framework: FrameworkInfo) -> String? {
        let user = info.command?.user ?? info.executor?.command?.user ?? framework.user
        guard !configuration.acls.allows(.runTasks, principal: framework.principal, object: user) else { return nil }
        let who = framework.principal.map { "Principal '\($0)'" } ?? "An anonymous framework"
        return "Not authorized: \(who) may not run tasks as user '\(user)'"
    }

    /// Why a task cannot launch from `pool` on `agentID`, or nil when it can.
    private func taskProblem(
        _ info: TaskInfo, resources: Resources, agentID: AgentID, pool: Resources, frameworkID: FrameworkID,
        needsCommand: Bool = false
    ) -> String? {
        if let problem = info.taskID.pathProblem { return "Task ID '\(info.taskID)' \(problem)" }
        if tasks[TaskKey(frameworkID, info.taskID)] != nil { return "Task ID '\(info.taskID)' is already in use" }
        if info.agentID != agentID { return "Task is for agent \(info.agentID) but the offers are on agent \(agentID)" }
        if resources.cpus <= 0 && resources.mem <= 0 { return "Task must use some cpus or mem, got '\(resources)'" }
        if info.command == nil && info.executor == nil { return "Task has neither a command nor an executor" }
        if needsCommand && info.command == nil { return "Task in a group needs a command" }
        if let command = info.command, command.shell, (command.value ?? "").allSatisfy(\.isWhitespace) {
            return "Task's shell command is empty"
        }
        if let command = info.command, !command.shell, (command.value ?? "").isEmpty {
            return "Task's command has no program to run"
        }
        if !pool.contains(resources) { return "Task uses more resources (\(resources)) than remain in the offers (\(pool.unallocated()))" }
        return nil
    }

    private mutating func reject(
        _ info: TaskInfo, reason: TaskStatus.Reason, message: String, frameworkID: FrameworkID, now: Time,
        into actions: inout [MasterAction]
    ) {
        let status = masterStatus(info.taskID, .error, reason: reason, message: message, agentID: info.agentID, now: now)
        actions.append(.send(frameworkID, .update(status)))
    }

    private mutating func addTask(
        _ info: TaskInfo, resources: Resources, executor: ExecutorID?, frameworkID: FrameworkID, now: Time,
        into actions: inout [MasterAction]
    ) {
        let task = TaskRecord(
            id: info.taskID, name: info.name, frameworkID: frameworkID, agentID: info.agentID,
            executorID: executor, role: resources.entries.first?.allocationRole ?? "*", resources: resources,
            command: info.command, launchedAt: now, labels: info.labels)
        tasks[task.key] = task
        account(task, sign: 1)
        frameworks[frameworkID]?.tasks.insert(task.id)
        agents[info.agentID]?.tasks.insert(task.key)
        actions.append(.publish(.taskAdded(task)))
    }

    /// Frameworks that are not multi-role send resources without `allocation_info`; they get
    /// the role of the offers, as Mesos does.
    static func tagged(_ resources: Resources, role: String) -> Resources {
        resources.allocatingUnmarked(to: role)
    }
}

extension MasterCore {
    /// Whether the master has, or had, this task. An ACCEPT that names one is a copy of the call
    /// that launched it (a client retried after a lost reply): answering it TASK_DROPPED would
    /// tell the framework a task it has is gone.
    func knowsTask(_ taskID: TaskID, of frameworkID: FrameworkID) -> Bool {
        tasks[TaskKey(frameworkID, taskID)] != nil || completedTasks.contains { $0.frameworkID == frameworkID && $0.id == taskID }
    }
}
