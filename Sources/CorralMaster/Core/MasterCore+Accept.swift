import CorralModel

extension MasterCore {
    /// ACCEPT: validates the offers, then each operation in order against what the offers hold.
    /// Nothing a framework sends here can crash the master: every problem becomes a task status
    /// with a reason, and unused resources go back to the allocator with the call's filters.
    mutating func accept(
        _ offerIDs: [OfferID], operations: [Operation], filters: Filters, from frameworkID: FrameworkID,
        now: ClusterInstant, into actions: inout [MasterAction]
    ) {
        guard let framework = frameworks[frameworkID] else { return }
        if let problem = offerProblem(offerIDs, frameworkID: frameworkID) {
            refuse(offerIDs, operations: operations, problem: problem, from: frameworkID, framework.info, now: now, into: &actions)
            return
        }
        let accepted = offerIDs.compactMap { offers[$0]?.offer }
        guard let first = accepted.first else { return }
        let context = AcceptContext(frameworkID: frameworkID, framework: framework.info, agentID: first.agentID, defaultRole: first.role, now: now)
        var pool = Resources()
        for offer in accepted {
            pool += offer.resources
            removeOffer(offer.id, recover: false, now: now)
            actions.append(.publish(.offerAccepted(offer.id, frameworkID: frameworkID, agentID: context.agentID)))
        }
        for operation in operations {
            switch operation {
            case .launch(let infos):
                launch(infos, from: &pool, context, into: &actions)
            case .launchGroup(let executor, let infos):
                launchGroup(infos, executor: executor, from: &pool, context, into: &actions)
            case .reserve, .unreserve, .create, .destroy:
                // Dynamic reservations and persistent volumes are not carried out yet; the
                // resources stay in the pool and go back with the rest below.
                break
            }
        }
        if !pool.isEmpty {
            let origin = FilterOrigin(.unusedPartOfAccept, of: first.id, refuseSeconds: filters.refuseSeconds)
            allocator.recover(pool, of: frameworkID, on: context.agentID, filters: filters, origin: origin, now: now)
            requestAllocation(into: &actions)
        }
    }

    /// What every operation of one ACCEPT shares: who accepted, on which agent, when.
    private struct AcceptContext {
        let frameworkID: FrameworkID
        let framework: FrameworkInfo
        let agentID: AgentID
        /// The offers' role, for tasks that do not say theirs.
        let defaultRole: String
        let now: ClusterInstant
    }

    /// An ACCEPT whose offers cannot be used: every task it would launch is lost (or dropped,
    /// for a partition-aware framework), as Mesos answers.
    private mutating func refuse(
        _ offerIDs: [OfferID], operations: [Operation], problem: String, from frameworkID: FrameworkID, _ framework: FrameworkInfo,
        now: ClusterInstant, into actions: inout [MasterAction]
    ) {
        // Offers that were valid go back without a filter: the framework never used them.
        for offerID in Set(offerIDs) where offers[offerID]?.offer.frameworkID == frameworkID {
            removeOffer(offerID, recover: true, now: now)
        }
        let state: TaskState = framework.has(.partitionAware) ? .dropped : .lost
        for task in operations.flatMap(\.launchedTasks) where !knowsTask(task.taskID, of: frameworkID) {
            let status = masterStatus(task.taskID, state, reason: .invalidOffers, message: problem, agentID: task.agentID, now: now)
            actions.append(.send(frameworkID, .update(status)))
        }
        requestAllocation(into: &actions)
    }

    /// LAUNCH: each task on its own; those that fit and are allowed take their share of `pool`.
    private mutating func launch(_ infos: [TaskInfo], from pool: inout Resources, _ context: AcceptContext, into actions: inout [MasterAction]) {
        var launched: [TaskInfo] = []
        for info in infos {
            let resources = Self.tagged(info.resources, role: context.defaultRole)
            if let problem = userProblem(info, framework: context.framework) {
                reject(info, reason: .taskUnauthorized, message: problem, frameworkID: context.frameworkID, now: context.now, into: &actions)
                continue
            }
            if let problem = taskProblem(info, resources: resources, agentID: context.agentID, pool: pool, frameworkID: context.frameworkID) {
                reject(info, reason: .taskInvalid, message: problem, frameworkID: context.frameworkID, now: context.now, into: &actions)
                continue
            }
            try? pool.subtract(resources)
            addTask(info, resources: resources, executor: nil, frameworkID: context.frameworkID, now: context.now, into: &actions)
            launched.append(info)
        }
        if !launched.isEmpty {
            actions.append(.launch(context.agentID, LaunchRequest(framework: context.framework, tasks: launched)))
        }
    }

    /// LAUNCH_GROUP: all the tasks and their executor, or none of them.
    private mutating func launchGroup(
        _ infos: [TaskInfo], executor: ExecutorInfo, from pool: inout Resources, _ context: AcceptContext,
        into actions: inout [MasterAction]
    ) {
        let unauthorized = infos.compactMap { info in userProblem(info, framework: context.framework).map { "Task '\(info.taskID)': \($0)" } }
        let executorResources = Self.tagged(executor.resources, role: context.defaultRole)
        var groupPool = pool
        let invalid = groupProblems(infos, executorResources: executorResources, pool: &groupPool, context)
        if let problem = unauthorized.first ?? invalid.first {
            let (reason, message) = unauthorized.isEmpty
                ? (TaskStatus.Reason.taskGroupInvalid, "Task group is invalid: \(problem)")
                : (.taskUnauthorized, "Task group is unauthorized: \(problem)")
            for info in infos {
                reject(info, reason: reason, message: message, frameworkID: context.frameworkID, now: context.now, into: &actions)
            }
            return
        }
        pool = groupPool
        executors[ExecutorKey(frameworkID: context.frameworkID, executorID: executor.executorID)] = ExecutorRecord(
            frameworkID: context.frameworkID, agentID: context.agentID, resources: executorResources, tasks: Set(infos.map(\.taskID)))
        for info in infos {
            let resources = Self.tagged(info.resources, role: context.defaultRole)
            addTask(info, resources: resources, executor: executor.executorID, frameworkID: context.frameworkID, now: context.now, into: &actions)
        }
        actions.append(.launch(context.agentID, LaunchRequest(framework: context.framework, tasks: infos, executor: executor)))
    }

    /// Why a task group cannot launch from `pool`, first problem first; takes what the
    /// executor and the tasks use out of `pool` while there is no problem.
    private func groupProblems(
        _ infos: [TaskInfo], executorResources: Resources, pool: inout Resources, _ context: AcceptContext
    ) -> [String] {
        var problems: [String] = []
        if !pool.contains(executorResources) {
            problems.append("Executor uses more resources (\(executorResources)) than remain in the offers (\(pool))")
        } else {
            try? pool.subtract(executorResources)
        }
        let duplicated = Dictionary(grouping: infos, by: \.taskID).filter { $0.value.count > 1 }.keys
        problems += duplicated.sorted().map { "Task ID '\($0)' appears twice in the group" }
        for info in infos where problems.isEmpty {
            let resources = Self.tagged(info.resources, role: context.defaultRole)
            if let problem = taskProblem(
                info, resources: resources, agentID: context.agentID, pool: pool, frameworkID: context.frameworkID, needsCommand: true)
            {
                problems.append("Task '\(info.taskID)': \(problem)")
            } else {
                try? pool.subtract(resources)
            }
        }
        return problems
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
        _ info: TaskInfo, reason: TaskStatus.Reason, message: String, frameworkID: FrameworkID, now: ClusterInstant,
        into actions: inout [MasterAction]
    ) {
        let status = masterStatus(info.taskID, .error, reason: reason, message: message, agentID: info.agentID, now: now)
        actions.append(.send(frameworkID, .update(status)))
    }

    private mutating func addTask(
        _ info: TaskInfo, resources: Resources, executor: ExecutorID?, frameworkID: FrameworkID, now: ClusterInstant,
        into actions: inout [MasterAction]
    ) {
        let task = TaskRecord(
            id: info.taskID, name: info.name, frameworkID: frameworkID, agentID: info.agentID,
            executorID: executor, role: resources.entries.first?.allocationRole ?? "*", resources: resources,
            command: info.command, launchedAt: now.wall, labels: info.labels, discovery: info.discovery)
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
