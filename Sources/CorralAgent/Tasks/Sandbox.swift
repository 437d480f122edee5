import CorralModel

extension Sandbox {
    /// The environment of a task: a few of the agent's own variables (so commands find
    /// programs), the Mesos variables executors get, then the task's own, which win.
    static func environment(
        for task: TaskInfo, frameworkID: FrameworkID, agentID: AgentID, sandbox: Sandbox, inherited: [String: String]
    ) -> [String: String] {
        var environment: [String: String] = [:]
        for name in ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER", "TMPDIR"] { environment[name] = inherited[name] }
        if environment["PATH"] == nil { environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }
        environment["MESOS_SANDBOX"] = sandbox.directory
        environment["MESOS_DIRECTORY"] = sandbox.directory
        environment["MESOS_TASK_ID"] = task.taskID.value
        environment["MESOS_FRAMEWORK_ID"] = frameworkID.value
        environment["MESOS_AGENT_ID"] = agentID.value
        environment["MESOS_SLAVE_ID"] = agentID.value
        environment["MESOS_EXECUTOR_ID"] = task.executor?.executorID.value ?? task.taskID.value
        for variable in task.command?.environment ?? [] { environment[variable.name] = variable.value }
        return environment
    }
}
