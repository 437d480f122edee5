/// Where a task's files live on the agent, and the environment it starts with.
///
/// Layout: `<work-dir>/agents/<agent>/frameworks/<framework>/tasks/<task>`, holding the task's
/// `stdout` and `stderr`. Shallower than Mesos's (`executors/<id>/runs/<container>`): every
/// directory a launch creates costs a quarter of a millisecond on a disk like this one.
public struct Sandbox: Hashable, Sendable {
    public var directory: String

    public init(workDirectory: String, agentID: AgentID, frameworkID: FrameworkID, taskID: TaskID) {
        directory = [workDirectory, "agents", agentID.value, "frameworks", frameworkID.value, "tasks", taskID.value]
            .joined(separator: "/")
    }

    public var stdoutPath: String { directory + "/stdout" }
    public var stderrPath: String { directory + "/stderr" }
}
