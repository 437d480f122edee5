import CorralModel

extension Agent {
    /// What the agent's own endpoints show, now: its tasks by framework and executor, with the
    /// usage of those that run (from the last sample, or read now for a container the sampler
    /// has not reached yet).
    public func state() -> AgentState {
        let agentID = core.agentID ?? identity.agentID
        let workDirectory = configuration.workDirectory
        let grouping = ExecutorGrouping(
            agentID: agentID,
            directory: { task in
                agentID.map { Sandbox(workDirectory: workDirectory, agentID: $0, frameworkID: task.frameworkID, taskID: task.info.taskID).directory } ?? ""
            },
            statistics: { tasks in
                ResourceStatistics(tasks.compactMap { task in self.usage(of: task).map { ($0, task) } })
            })
        let groups = grouping.frameworks(tracked: core.trackedTasks, completed: core.completedTasks, infos: core.knownFrameworks)
        return AgentState(
            info: agentInfo, time: clock.now.wall, startedAt: startedAt, version: configuration.version, registered: core.connected,
            masterHostname: configuration.masterHostname, flags: flags, frameworks: groups.live, completedFrameworks: groups.completed,
            endedTasks: core.endedTasks)
    }

    private func usage(of task: AgentTask) -> ContainerUsage? {
        lastUsage[task.key] ?? containerizer.usage(containerID: task.containerID)
    }

    /// The agent's settings that Mesos's agent has a flag for, by Mesos's names.
    private var flags: [String: String] {
        [
            "hostname": configuration.hostname, "port": String(configuration.port), "work_dir": configuration.workDirectory,
            "isolation": isolation, "switch_user": String(configuration.switchUser), "recover": configuration.recovery.rawValue,
            "gc_delay": formatScalar(configuration.gcDelay.seconds) + "secs",
        ]
    }
}
