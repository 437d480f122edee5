import CorralModel

extension Agent {
    /// Samples the containers' usage every `usageInterval` and reports it, until cancelled.
    func sampleUsage() async {
        while (try? await clock.sleep(seconds: configuration.usageInterval)) != nil {
            if let usage = collectUsage() { outboxSink.yield(.usage(usage)) }
        }
    }

    private func collectUsage() -> AgentUsage? {
        guard let agentID = core.agentID else { return nil }
        var byTask: [TaskKey: ResourceUsage] = [:]
        var sampled: [TaskKey: ContainerUsage] = [:]
        for (key, containerID) in core.runningContainers {
            guard let sample = containerizer.usage(containerID: containerID) else { continue }
            byTask[key] = ResourceUsage(sample, since: lastUsage[key])
            sampled[key] = sample
        }
        lastUsage = sampled
        let total = containerizer.totalUsage()
        defer { lastTotalUsage = total }
        return AgentUsage(agentID: agentID, total: ResourceUsage(total, since: lastTotalUsage), tasks: byTask)
    }
}
