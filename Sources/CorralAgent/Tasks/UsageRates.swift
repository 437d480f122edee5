import CorralModel

extension ResourceUsage {
    /// Usage from two cumulative samples of the same container: cores in use and the fraction of
    /// time throttled over the interval between them. Without a previous sample, rates are 0.
    init(_ current: ContainerUsage, since previous: ContainerUsage?) {
        var cpusUsed = 0.0
        var throttledFraction = 0.0
        if let previous, current.timestamp > previous.timestamp {
            let elapsed = current.timestamp - previous.timestamp
            cpusUsed = max(0, current.cpuTotalSeconds - previous.cpuTotalSeconds) / elapsed
            throttledFraction = min(1, max(0, current.throttledSeconds - previous.throttledSeconds) / elapsed)
        }
        self.init(
            cpusUsed: cpusUsed, cpuTimeSeconds: current.cpuTotalSeconds, memoryBytes: current.memoryBytes,
            memoryLimitBytes: current.memoryLimitBytes, throttledSeconds: current.throttledSeconds,
            throttledFraction: throttledFraction, processes: current.processes, timestamp: Time(seconds: current.timestamp))
    }
}

extension ResourceUsage {
    /// The agent's own usage with its throttling summed over its tasks. The agent's cgroup is
    /// the parent of theirs and has no quota of its own, so the kernel never throttles it: read
    /// as it is, an agent whose task is throttled 38% of the time showed 0%. Summed, two tasks
    /// each throttled half the time read 100%, the throttled task-seconds per second.
    func throttling(summedOver tasks: some Collection<ResourceUsage>) -> ResourceUsage {
        var usage = self
        usage.throttledSeconds = tasks.reduce(0) { $0 + $1.throttledSeconds }
        usage.throttledFraction = tasks.reduce(0) { $0 + $1.throttledFraction }
        return usage
    }
}
