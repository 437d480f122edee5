import Glibc

/// A container's resource counters at one moment. CPU and throttling are cumulative since launch:
/// a rate is the difference of two samples over the difference of their timestamps.
public struct ContainerUsage: Sendable, Hashable {
    /// Seconds since the Unix epoch, as Mesos's ResourceStatistics has it.
    public var timestamp: Double
    public var cpuUserSeconds: Double
    public var cpuSystemSeconds: Double
    /// Memory charged now: the cgroup's usage, or the sum of resident sets under posix.
    public var memoryBytes: UInt64
    public var memoryLimitBytes: UInt64?
    /// Time and CFS periods in which the cgroup's CPU quota held it back.
    public var throttledSeconds: Double
    public var throttledPeriods: UInt64
    public var processes: Int

    public var cpuTotalSeconds: Double { cpuUserSeconds + cpuSystemSeconds }

    public init(
        timestamp: Double,
        cpuUserSeconds: Double = 0,
        cpuSystemSeconds: Double = 0,
        memoryBytes: UInt64 = 0,
        memoryLimitBytes: UInt64? = nil,
        throttledSeconds: Double = 0,
        throttledPeriods: UInt64 = 0,
        processes: Int = 0
    ) {
        self.timestamp = timestamp
        self.cpuUserSeconds = cpuUserSeconds
        self.cpuSystemSeconds = cpuSystemSeconds
        self.memoryBytes = memoryBytes
        self.memoryLimitBytes = memoryLimitBytes
        self.throttledSeconds = throttledSeconds
        self.throttledPeriods = throttledPeriods
        self.processes = processes
    }
}

extension ContainerUsage {
    /// The wall clock as `timestamp` wants it.
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
