extension ClusterView {
    /// An agent's state without what this principal may not see: frameworks under
    /// `view_frameworks` and tasks under `view_tasks`, by the user they run as (a task's
    /// command's user, else its framework's), as the master's views filter.
    public func filter(_ state: AgentState) -> AgentState {
        guard !seesEverything else { return state }
        var filtered = state
        filtered.frameworks = state.frameworks.filter { sees($0.info) }.map(filter)
        filtered.completedFrameworks = state.completedFrameworks.filter { sees($0.info) }.map(filter)
        return filtered
    }

    private func filter(_ framework: AgentFrameworkState) -> AgentFrameworkState {
        var filtered = framework
        let visible = { (task: TaskRecord) in seesTask(runningAs: task.command?.user ?? framework.info.user) }
        for index in filtered.executors.indices { filtered.executors[index].keepTasks(where: visible) }
        for index in filtered.completedExecutors.indices { filtered.completedExecutors[index].keepTasks(where: visible) }
        return filtered
    }
}

extension AgentExecutorState {
    mutating func keepTasks(where visible: (TaskRecord) -> Bool) {
        queuedTasks = queuedTasks.filter(visible)
        tasks = tasks.filter(visible)
        terminatedTasks = terminatedTasks.filter(visible)
        completedTasks = completedTasks.filter(visible)
    }
}
