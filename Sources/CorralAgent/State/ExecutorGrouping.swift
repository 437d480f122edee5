import CorralModel

/// The agent's tasks grouped as Mesos's agent shows them: by framework, then by executor, each
/// task in one of the executor's four lists. An executor whose containers all ended is
/// completed; a framework whose executors all did is too.
struct ExecutorGrouping {
    var agentID: AgentID?
    /// The sandbox of a task.
    var directory: (AgentTask) -> String
    /// What a running executor's tasks use now, or nil.
    var statistics: ([AgentTask]) -> ResourceStatistics?

    /// `tracked` are the tasks the agent holds, `completed` those it let go of; `infos` the
    /// frameworks it holds tasks of.
    func frameworks(
        tracked: [AgentTask], completed: [AgentTask], infos: [FrameworkInfo]
    ) -> (live: [AgentFrameworkState], completed: [AgentFrameworkState]) {
        var byExecutor: [ExecutorKey: (tracked: [AgentTask], completed: [AgentTask])] = [:]
        for task in tracked { byExecutor[ExecutorKey(task), default: ([], [])].tracked.append(task) }
        for task in completed { byExecutor[ExecutorKey(task), default: ([], [])].completed.append(task) }
        var known: [FrameworkID: FrameworkInfo] = [:]
        for task in completed + tracked { if let info = task.framework { known[task.frameworkID] = info } }
        for info in infos { if let id = info.id { known[id] = info } }

        var frameworks: [FrameworkID: AgentFrameworkState] = [:]
        for key in byExecutor.keys.sorted() {
            guard let tasks = byExecutor[key], let executor = self.executor(tracked: tasks.tracked, completed: tasks.completed) else { continue }
            let live = tasks.tracked.contains(where: \.holdsContainer)
            var framework = frameworks[key.frameworkID] ?? AgentFrameworkState(info: known[key.frameworkID] ?? Self.unknown(key.frameworkID))
            if live { framework.executors.append(executor) } else { framework.completedExecutors.append(executor) }
            frameworks[key.frameworkID] = framework
        }
        let all = frameworks.keys.sorted().compactMap { frameworks[$0] }
        return (all.filter { !$0.executors.isEmpty }, all.filter { $0.executors.isEmpty })
    }

    private func executor(tracked: [AgentTask], completed: [AgentTask]) -> AgentExecutorState? {
        // The first task names the executor's container and sandbox: the only one of a
        // command executor; a group's tasks each have their own, and the first stands for them.
        guard let first = (tracked + completed).min(by: { $0.info.taskID < $1.info.taskID }) else { return nil }
        let running = tracked.filter { $0.launched && !$0.containerEnded }
        return AgentExecutorState(
            info: first.executorInfo,
            source: first.executor == nil ? first.info.taskID.value : "",
            containerID: ContainerID(first.containerID),
            directory: directory(first),
            queuedTasks: tracked.filter { !$0.launched && !$0.state.isTerminal }.map { $0.record(agentID: agentID) },
            tasks: tracked.filter { $0.launched && !$0.state.isTerminal }.map { $0.record(agentID: agentID) },
            terminatedTasks: tracked.filter(\.state.isTerminal).map { $0.record(agentID: agentID) },
            completedTasks: completed.map { $0.record(agentID: agentID) },
            statistics: running.isEmpty ? nil : statistics(running))
    }

    /// A framework the agent kept no info of (its checkpoint lost it): known by ID only.
    private static func unknown(_ id: FrameworkID) -> FrameworkInfo {
        FrameworkInfo(user: "", name: "", id: id, capabilities: [])
    }

    private struct ExecutorKey: Hashable, Comparable {
        var frameworkID: FrameworkID
        var executorID: ExecutorID

        init(_ task: AgentTask) {
            frameworkID = task.frameworkID
            executorID = task.executor?.executorID ?? ExecutorID(task.info.taskID.value)
        }

        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.frameworkID, lhs.executorID) < (rhs.frameworkID, rhs.executorID) }
    }
}
