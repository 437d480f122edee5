import CorralModel

extension ResourceStatistics {
    /// The statistics of an executor from its running containers' samples, each with the task
    /// it runs: counters summed (a group's tasks each have a container), limits from what the
    /// tasks were given, the memory limit from the cgroups where they hold one. Nil without a
    /// sample. Throttling and the memory breakdown are there where the isolation counts them.
    init?(_ samples: [(usage: ContainerUsage, task: AgentTask)]) {
        guard let newest = samples.map(\.usage.timestamp).max() else { return nil }
        self.init(timestamp: newest)
        processes = samples.reduce(0) { $0 + $1.usage.processes }
        cpusUserTimeSecs = samples.reduce(0) { $0 + $1.usage.cpuUserSeconds }
        cpusSystemTimeSecs = samples.reduce(0) { $0 + $1.usage.cpuSystemSeconds }
        cpusLimit = samples.reduce(0) { $0 + $1.task.info.resources.scalar("cpus") }
        memTotalBytes = samples.saturatingSum { $0.usage.memoryBytes }
        let limits = samples.compactMap(\.usage.memoryLimitBytes)
        let given = samples.reduce(0) { $0 + $1.task.info.resources.scalar("mem") }
        // Amounts are checked where they enter (at most 1e15 MB): the clamp only keeps the
        // conversion total.
        memLimitBytes = limits.count == samples.count ? limits.saturatingSum { $0 } : given > 0 ? UInt64(min(given * 1_048_576, 9e18)) : nil
        if samples.allSatisfy({ $0.usage.periods != nil }) {
            cpusNrPeriods = samples.saturatingSum { $0.usage.periods ?? 0 }
            cpusNrThrottled = samples.saturatingSum { $0.usage.throttledPeriods }
            cpusThrottledTimeSecs = samples.reduce(0) { $0 + $1.usage.throttledSeconds }
        }
        let breakdowns = samples.compactMap(\.usage.memoryBreakdown)
        if breakdowns.count == samples.count {
            memRssBytes = breakdowns.saturatingSum { $0.rssBytes }
            memCacheBytes = breakdowns.saturatingSum { $0.cacheBytes }
            memMappedFileBytes = breakdowns.saturatingSum { $0.mappedFileBytes }
            memSwapBytes = breakdowns.saturatingSum { $0.swapBytes }
        }
    }
}

extension Sequence {
    /// The sum of a counter over the elements, stopping at the type's maximum: cgroups report
    /// "no limit" as numbers near `Int64.max`, and a few of them added would trap the agent.
    func saturatingSum<T: FixedWidthInteger>(_ value: (Element) -> T) -> T {
        reduce(T.zero) { total, element in
            let (sum, overflow) = total.addingReportingOverflow(value(element))
            return overflow ? T.max : sum
        }
    }
}
