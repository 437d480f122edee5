import CorralModel

/// Where an agent's files API serves a task's stdout and stderr.
enum SandboxLayout: CaseIterable, Sendable {
    /// Corral's agents: `/frameworks/F/tasks/T/stdout`.
    case corral
    /// Apache Mesos's agents: the command executor's sandbox, which has the task's ID, at the
    /// virtual path Mesos attaches it to, `/frameworks/F/executors/T/runs/latest/stdout`.
    case mesos

    func path(of key: TaskKey, stderr: Bool) -> String {
        let file = stderr ? "stderr" : "stdout"
        switch self {
        case .corral: return "/frameworks/\(key.frameworkID)/tasks/\(key.taskID)/\(file)"
        case .mesos: return "/frameworks/\(key.frameworkID)/executors/\(key.taskID)/runs/latest/\(file)"
        }
    }
}
