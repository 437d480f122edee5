/// What a container uses, as Mesos's `ResourceStatistics` reports it on an agent's
/// `/monitor/statistics` and GET_CONTAINERS: cumulative counters and limits at `timestamp`.
/// Fields the isolation cannot measure (throttling under posix, say) are nil and left out.
public struct ResourceStatistics: Hashable, Sendable {
    /// Seconds since the epoch.
    public var timestamp: Double
    public var processes: Int?
    public var cpusUserTimeSecs: Double
    public var cpusSystemTimeSecs: Double
    /// The cpus the container was given.
    public var cpusLimit: Double?
    public var cpusNrPeriods: UInt64?
    public var cpusNrThrottled: UInt64?
    public var cpusThrottledTimeSecs: Double?
    /// Memory charged to the container now (the cgroup's usage, or the resident sets).
    public var memTotalBytes: UInt64?
    public var memLimitBytes: UInt64?
    public var memCacheBytes: UInt64?
    public var memRssBytes: UInt64?
    public var memMappedFileBytes: UInt64?
    public var memSwapBytes: UInt64?

    public init(
        timestamp: Double, processes: Int? = nil, cpusUserTimeSecs: Double = 0, cpusSystemTimeSecs: Double = 0,
        cpusLimit: Double? = nil, cpusNrPeriods: UInt64? = nil, cpusNrThrottled: UInt64? = nil, cpusThrottledTimeSecs: Double? = nil,
        memTotalBytes: UInt64? = nil, memLimitBytes: UInt64? = nil, memCacheBytes: UInt64? = nil, memRssBytes: UInt64? = nil,
        memMappedFileBytes: UInt64? = nil, memSwapBytes: UInt64? = nil
    ) {
        self.timestamp = timestamp
        self.processes = processes
        self.cpusUserTimeSecs = cpusUserTimeSecs
        self.cpusSystemTimeSecs = cpusSystemTimeSecs
        self.cpusLimit = cpusLimit
        self.cpusNrPeriods = cpusNrPeriods
        self.cpusNrThrottled = cpusNrThrottled
        self.cpusThrottledTimeSecs = cpusThrottledTimeSecs
        self.memTotalBytes = memTotalBytes
        self.memLimitBytes = memLimitBytes
        self.memCacheBytes = memCacheBytes
        self.memRssBytes = memRssBytes
        self.memMappedFileBytes = memMappedFileBytes
        self.memSwapBytes = memSwapBytes
    }
}
