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
