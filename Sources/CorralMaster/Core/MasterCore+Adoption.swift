import CorralModel

/// Taking over the tasks agents report: one at a time when an agent re-registers with a task
/// the master has not heard of, and a whole inventory at once when an agent is admitted (after
/// a failover, ten thousand agents bring a hundred thousand tasks through the master's one
/// actor, and the hash lookups of each task showed: eleven of them, now five).
extension MasterCore {
    /// What a framework's adopted tasks on one agent are, and hold per role.
    struct AdoptedByFramework {
        var ids: [TaskID] = []
        var held: [String: (resources: Resources, tasks: Int)] = [:]
    }

    /// A newly admitted agent's tasks: each becomes the master's (or is killed, its framework
    /// unknown), goes in the agent's and its framework's sets, and what the live ones hold is
    /// summed per framework and role, sorted, for one booking each. Frameworks that were told
    /// the agent was unreachable hear its tasks run again.
    mutating func adoptInventory(
        _ reports: [RunningTaskReport], on agentID: AgentID, wasUnreachable: Bool, now: ClusterInstant, into actions: inout [MasterAction]
    ) -> [(FrameworkID, (resources: Resources, tasks: Int))] {
        var agentTasks = agents[agentID]?.tasks ?? []
        agents[agentID]?.tasks = []  // the set's storage stays unique while it grows
        agentTasks.reserveCapacity(agentTasks.count + reports.count)
        var adopted: [FrameworkID: AdoptedByFramework] = [:]
        var lastFramework: (id: FrameworkID, known: Bool)?
        for report in reports {
            let known = lastFramework?.id == report.frameworkID ? lastFramework?.known == true : frameworks[report.frameworkID] != nil
            lastFramework = (report.frameworkID, known)
            guard let task = adoptRecord(report, on: agentID, frameworkKnown: known, now: now, into: &actions) else { continue }
            agentTasks.insert(task.key)
            adopted[task.frameworkID, default: AdoptedByFramework()].ids.append(task.id)
            guard !task.state.isTerminal else { continue }
            adopted[task.frameworkID, default: AdoptedByFramework()].held[task.role, default: (Resources(), 0)].resources.add(task.resources)
            adopted[task.frameworkID, default: AdoptedByFramework()].held[task.role, default: (Resources(), 0)].tasks += 1
            if wasUnreachable { tell(task.frameworkID, reachableAgain: task, now: now, into: &actions) }
        }
        agents[agentID]?.tasks = agentTasks
        for (framework, tasks) in adopted { frameworks[framework]?.tasks.formUnion(tasks.ids) }
        return adopted.sorted { $0.key < $1.key }.flatMap { framework, tasks in
            tasks.held.sorted { $0.key < $1.key }.map { (framework, $0.value) }
        }
    }

    /// A task an agent reports that the master does not track: it becomes the master's again,
    /// unless its framework is unknown (nobody would ever hear of it: it is killed). Returns the
    /// record; the caller accounts for what it holds, in the master's totals and the allocator.
    mutating func adopt(_ report: RunningTaskReport, on agentID: AgentID, now: ClusterInstant, into actions: inout [MasterAction]) -> TaskRecord? {
        guard let task = adoptRecord(report, on: agentID, frameworkKnown: frameworks[report.frameworkID] != nil, now: now, into: &actions) else { return nil }
        frameworks[task.frameworkID]?.tasks.insert(task.id)
        agents[agentID]?.tasks.insert(task.key)
        return task
    }

    /// The master's record of a reported task, in its tasks and announced; its agent's and its
    /// framework's sets are the caller's to fill.
    private mutating func adoptRecord(
        _ report: RunningTaskReport, on agentID: AgentID, frameworkKnown: Bool, now: ClusterInstant, into actions: inout [MasterAction]
    ) -> TaskRecord? {
        guard frameworkKnown else {
            if !report.state.isTerminal { actions.append(.kill(agentID, report.frameworkID, report.task.taskID, nil)) }
            return nil
        }
        // A task the master already tracks stays as it is: one agent's report cannot move
        // another's task (found by fuzzing: the books of both went wrong), and a task reported
        // twice is booked once. (One hash: the record goes in, and the one it displaced, if
        // any, goes back.)
        let task = Self.taskRecord(from: report, agentID: agentID, now: now)
        if let tracked = tasks.updateValue(task, forKey: task.key) {
            tasks[task.key] = tracked
            return nil
        }
        actions.append(.publish(.taskAdded(task)))
        return task
    }
}
