import CorralModel

extension Agent {
    /// What the agent's Prometheus `/metrics` shows now: its tasks by state and the resources
    /// they hold, under Mesos's names, and the latest usage sample of each running container
    /// (read now for one the sampler has not reached yet).
    public func metricsReading() -> AgentMetricsReading {
        var values: [String: Double] = ["slave/registered": core.connected ? 1 : 0]
        var byState: [TaskState: Int] = [:]
        var used = Resources()
        for task in core.tasks.values where !task.state.isTerminal {
            byState[task.state, default: 0] += 1
            used.add(task.info.resources)
        }
        for state in [TaskState.staging, .starting, .running, .killing] {
            values["slave/tasks_" + state.shortName.lowercased()] = Double(byState[state] ?? 0)
        }
        for name in ["cpus", "gpus", "mem", "disk"] {
            let total = configuration.resources.scalar(name)
            values["slave/\(name)_total"] = total
            values["slave/\(name)_used"] = used.scalar(name)
            values["slave/\(name)_percent"] = total > 0 ? used.scalar(name) / total : 0
        }
        let tasks = core.runningContainers.compactMap { key, containerID -> AgentMetricsReading.TaskUsage? in
            guard let task = core.tasks[key], let sample = lastUsage[key] ?? containerizer.usage(containerID: containerID) else { return nil }
            let executorID = task.executor?.executorID ?? ExecutorID(key.taskID.value)
            return AgentMetricsReading.TaskUsage(key: key, executorID: executorID, usage: ResourceUsage(sample, since: nil))
        }
        let total = lastTotalUsage.map { ResourceUsage($0, since: nil) }
        return AgentMetricsReading(values: values, tasks: tasks, total: total)
    }
}
