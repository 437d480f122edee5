import CorralModel

/// What an operator's kill of a task (Corral's KILL_TASK; Mesos's operator API has none) comes to.
public enum OperatorKill: Hashable, Sendable {
    /// The task's agent is told to kill it, as its framework would have; the end reaches the
    /// framework as any kill's does.
    case killing(on: AgentID)
    /// The task has ended already, in this state.
    case ended(TaskState)
    /// The task's agent is not connected, so the kill cannot reach it now.
    case agentDisconnected(AgentID)
    /// The master knows no such task.
    case unknown
}

extension MasterCore {
    /// Whether an operator's kill of `key` can go to its agent now, and if not, why.
    public func operatorKill(of key: TaskKey) -> OperatorKill {
        guard let task = tasks[key] else {
            return completedTasks.last { $0.key == key }.map { .ended($0.state) } ?? .unknown
        }
        if task.state.isTerminal { return .ended(task.state) }
        guard let agent = agents[task.agentID], agent.connected, !agent.unreachable else { return .agentDisconnected(task.agentID) }
        return .killing(on: task.agentID)
    }
}
