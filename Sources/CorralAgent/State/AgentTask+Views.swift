import CorralModel

extension AgentTask {
    /// The task as the agent's endpoints list it (Mesos's `Task`).
    func record(agentID: AgentID?) -> TaskRecord {
        TaskRecord(
            id: info.taskID, name: info.name, frameworkID: frameworkID, agentID: agentID ?? info.agentID,
            executorID: executor?.executorID, role: info.resources.entries.first?.allocationRole ?? "*", resources: info.resources,
            command: info.command, state: state, statuses: statuses, launchedAt: statuses.first?.timestamp ?? .zero, labels: info.labels,
            discovery: info.discovery)
    }

    /// The executor the task runs under: its LAUNCH_GROUP's, or a command executor of its own
    /// with the task's ID, as Mesos's agent makes one.
    var executorInfo: ExecutorInfo {
        if var executor {
            executor.frameworkID = frameworkID
            return executor
        }
        return ExecutorInfo(executorID: ExecutorID(info.taskID.value), frameworkID: frameworkID, kind: nil, name: commandExecutorName)
    }

    /// `Command Executor (Task: web-1) (Command: sh -c 'python3 -m...')`: Mesos's name for a
    /// command executor, which tools show in their tables.
    private var commandExecutorName: String {
        let command: String
        if let value = info.command?.value {
            if info.command?.shell ?? true {
                command = "sh -c '" + (value.count > 15 ? value.prefix(12) + "...'" : value + "'")
            } else {
                let argv = ([value] + (info.command?.arguments ?? [])).joined(separator: ", ")
                command = "[" + (argv.count > 15 ? argv.prefix(12) + "...]" : argv + "]")
            }
        } else {
            command = "NO COMMAND"
        }
        return "Command Executor (Task: \(info.taskID.value)) (Command: \(command))"
    }

    /// Its container runs, or will: the task has not ended, or its container still runs.
    var holdsContainer: Bool { !state.isTerminal || (launched && !containerEnded) }
}
