extension ClusterView {
    /// An agent's state without what this principal may not see: frameworks under
    /// `view_frameworks` and tasks under `view_tasks`, by the user they run as (a task's
    /// command's user, else its framework's), as the master's views filter.
    public func filter(_ state: AgentState) -> AgentState {
        guard !seesEverything else { return state }
        var filtered = state
        filtered.frameworks = state.frameworks.filter { sees($0.info) }.map(filter)
        filtered.completedFrameworks = state.completedFrameworks.filter { sees($0.info) }.map(filter)
        // Counts of ended tasks would count hidden ones too, as the master's filter knows.
        filtered.endedTasks = [:]
        return filtered
    }

    /// An executor goes with its last visible task: a command task's executor is named after
    /// the task and carries its container's statistics (in `/monitor/statistics` and
    /// `/metrics`), so showing it would show the hidden task's ID and usage. A task group's
    /// executor with tasks of both kinds stays for its visible ones, without its statistics:
    /// they are one container's, the hidden tasks' usage with the rest, and cannot be split.
    private func filter(_ framework: AgentFrameworkState) -> AgentFrameworkState {
        var filtered = framework
        let visible = { (task: TaskRecord) in seesTask(runningAs: task.command?.user ?? framework.info.user) }
        filtered.executors = framework.executors.compactMap { $0.keepingTasks(where: visible) }
        filtered.completedExecutors = framework.completedExecutors.compactMap { $0.keepingTasks(where: visible) }
        return filtered
    }
}

extension AgentExecutorState {
    /// The executor with only its visible tasks, or nil when none is visible; without its
    /// container's statistics when some task is hidden.
    func keepingTasks(where visible: (TaskRecord) -> Bool) -> AgentExecutorState? {
        var kept = self
        kept.queuedTasks = queuedTasks.filter(visible)
        kept.tasks = tasks.filter(visible)
        kept.terminatedTasks = terminatedTasks.filter(visible)
        kept.completedTasks = completedTasks.filter(visible)
        guard kept.taskCount > 0 else { return nil }
        if kept.taskCount < taskCount { kept.statistics = nil }
        return kept
    }

    private var taskCount: Int { queuedTasks.count + tasks.count + terminatedTasks.count + completedTasks.count }
}
