import CorralModel

extension Agent {
    /// Samples the containers' usage every `usageInterval` and reports it, until cancelled.
    func sampleUsage() async {
        while (try? await clock.sleep(for: configuration.usageInterval)) != nil {
            if let usage = collectUsage() { await post(.usage(usage)) }
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
        return AgentUsage(agentID: agentID, total: ResourceUsage(total, since: lastTotalUsage).throttling(summedOver: byTask.values), tasks: byTask)
    }

    /// Removes the sandboxes of ended tasks once they are `gcDelay` old (sooner on a full
    /// disk), looking every tenth of the delay, and at least hourly.
    func collectSandboxes() async {
        let collector = SandboxCollector(workDirectory: configuration.workDirectory, delay: configuration.gcDelay.seconds)
        let interval = min(.seconds(3600), max(.seconds(1), configuration.gcDelay / 10))
        repeat {
            let live = Set(core.taskKeys)
            let removed = collector.collect(live: live, now: clock.now.wall.seconds, usedFraction: collector.usedFraction())
            if !removed.isEmpty { logger.info("removed \(removed.count) sandbox(es) of ended tasks older than --gc-delay") }
        } while (try? await clock.sleep(for: interval)) != nil
    }
}
