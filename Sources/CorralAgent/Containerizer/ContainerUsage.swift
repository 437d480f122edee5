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
    /// CFS periods the cgroup ran in; nil where no cpu controller counts them (posix).
    public var periods: UInt64?
    public var processes: Int
    /// The cgroup's `memory.stat` broken down as Mesos reports it; nil where it cannot say.
    public var memoryBreakdown: MemoryBreakdown?

    /// Resident anonymous memory, page cache, mapped files and swap, in bytes.
    public struct MemoryBreakdown: Sendable, Hashable {
        public var rssBytes: UInt64
        public var cacheBytes: UInt64
        public var mappedFileBytes: UInt64
        public var swapBytes: UInt64

        public init(rssBytes: UInt64, cacheBytes: UInt64 = 0, mappedFileBytes: UInt64 = 0, swapBytes: UInt64 = 0) {
            self.rssBytes = rssBytes
            self.cacheBytes = cacheBytes
            self.mappedFileBytes = mappedFileBytes
            self.swapBytes = swapBytes
        }
    }

    public var cpuTotalSeconds: Double { cpuUserSeconds + cpuSystemSeconds }

    public init(
        timestamp: Double,
        cpuUserSeconds: Double = 0,
        cpuSystemSeconds: Double = 0,
        memoryBytes: UInt64 = 0,
        memoryLimitBytes: UInt64? = nil,
        throttledSeconds: Double = 0,
        throttledPeriods: UInt64 = 0,
        periods: UInt64? = nil,
        processes: Int = 0,
        memoryBreakdown: MemoryBreakdown? = nil
    ) {
        self.timestamp = timestamp
        self.cpuUserSeconds = cpuUserSeconds
        self.cpuSystemSeconds = cpuSystemSeconds
        self.memoryBytes = memoryBytes
        self.memoryLimitBytes = memoryLimitBytes
        self.throttledSeconds = throttledSeconds
        self.throttledPeriods = throttledPeriods
        self.periods = periods
        self.processes = processes
        self.memoryBreakdown = memoryBreakdown
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
