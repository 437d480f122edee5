import Glibc
import Logging

/// cgroups v1: one cgroup per container under `corral/<name>` in each of the cpu, cpuacct and
/// memory hierarchies (a co-mounted cpu,cpuacct hierarchy gets one).
struct CgroupsV1Isolator: Isolator {
    let mode = IsolationMode.cgroupsV1
    private let cpu: CgroupDirectory
    private let cpuacct: CgroupDirectory
    private let memory: CgroupDirectory
    /// Each distinct `corral/<name>` cgroup once, in the order the child joins them.
    private let hierarchies: [CgroupDirectory]
    private let spares: CgroupSpares
    /// Whether the kernel accounts swap (a boot option): then every memory cgroup has the
    /// memory+swap limit. Looked up once, not on every launch's path.
    private let accountsSwap: Bool

    static let controllers = ["cpu", "cpuacct", "memory"]
    /// The kernel's default CFS period, which every new cgroup has.
    private static let cfsPeriodMicroseconds = 100_000

    /// Creates the parent cgroups, first removing any left by a crashed run of the same name
    /// unless `keepingContainers`. Throws, naming the controller and path, unless all three
    /// hierarchies are mounted and writable.
    init(name: String, mounts: CgroupMounts, keepingContainers: Bool = false, logger: Logger) throws(ContainerizerError) {
        var found: [String: CgroupDirectory] = [:]
        for controller in Self.controllers {
            guard let mount = mounts.controllers[controller] else {
                throw .cgroup("the v1 \(controller) hierarchy is not mounted")
            }
            guard !mount.readOnly, access(mount.point, W_OK) == 0 else {
                throw .cgroup("the v1 \(controller) hierarchy at \(mount.point) is not writable")
            }
            found[controller] = CgroupDirectory(path: mount.point).child("corral").child(name)
        }
        cpu = found["cpu"]!
        cpuacct = found["cpuacct"]!
        memory = found["memory"]!
        hierarchies = [cpu, cpuacct, memory].reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        for root in hierarchies {
            root.parent.removeAbandoned(logger: logger)
            try root.prepare(keepingContainers: keepingContainers, logger: logger)
        }
        spares = CgroupSpares(hierarchies: hierarchies)
        accountsSwap = SystemFile.exists(memory.file("memory.memsw.limit_in_bytes"))
    }

    var roots: [String] { hierarchies.map(\.path) }

    func prepare(_ id: String, cpus: Double?, memoryBytes: UInt64?) throws(ContainerizerError) -> [String] {
        if try !spares.take(as: id) {
            for root in hierarchies { try root.child(id).create() }
        }
        if let cpus {
            let group = cpu.child(id)
            try group.write("cpu.shares", String(max(2, Int(min(1024 * cpus, 262_144)))))
            // The period is the kernel's default in every new cgroup: not written (a write is a
            // sixtieth of a launch's own work). The kernel refuses quotas under 1 ms.
            try group.write("cpu.cfs_quota_us", String(max(1000, Int(min(cpus, 1e6) * Double(Self.cfsPeriodMicroseconds)))))
        }
        if let memoryBytes {
            let group = memory.child(id)
            try group.write("memory.limit_in_bytes", String(memoryBytes))
            // With swap accounting, the same limit on memory+swap keeps the task from swapping past it.
            if accountsSwap { try? group.write("memory.memsw.limit_in_bytes", String(memoryBytes)) }
        }
        return cgroupJoinFiles(of: id)
    }

    /// `tasks`, not `cgroup.procs`: a thread writing itself there is moved without the lock on
    /// every process's threads, whose taking waits for an RCU grace period (20-40 ms per launch
    /// on an idle host, measured). The child that joins has no other thread.
    func cgroupJoinFiles(of id: String) -> [String] {
        hierarchies.map { $0.child(id).file("tasks") }
    }

    func processes(of id: String, leader: pid_t) -> [pid_t] {
        Array(Set(hierarchies.flatMap { $0.child(id).processes }))
    }

    func usage(of id: String, leader: pid_t) -> ContainerUsage {
        usage(cpu: cpu.child(id), cpuacct: cpuacct.child(id), memory: memory.child(id))
    }

    /// The roots' counters are hierarchical, except throttling, which only counts the root's own limit.
    func totalUsage(leaders: [pid_t]) -> ContainerUsage {
        usage(cpu: cpu, cpuacct: cpuacct, memory: memory)
    }

    func oomKilled(_ id: String) -> Bool {
        (memory.child(id).keyedNumbers("memory.oom_control")["oom_kill"] ?? 0) > 0
    }

    func destroy(_ id: String, leader: pid_t?) throws(ContainerizerError) {
        let deadline = ContinuousClock.now + destroyTimeout
        for root in hierarchies { try root.child(id).killAndRemoveTree(until: deadline) }
    }

    func destroyRoots() throws(ContainerizerError) {
        spares.close()
        for root in hierarchies { try root.removeWithAncestorIfEmpty() }
    }

    func prepareAhead() { spares.replenish() }

    func releaseAhead() { spares.close() }

    private func usage(cpu: CgroupDirectory, cpuacct: CgroupDirectory, memory: CgroupDirectory) -> ContainerUsage {
        let nanosecond = 1e-9
        var user = Double(cpuacct.number("cpuacct.usage_user") ?? 0) * nanosecond
        var system = Double(cpuacct.number("cpuacct.usage_sys") ?? 0) * nanosecond
        if !SystemFile.exists(cpuacct.file("cpuacct.usage_user")) {
            // Older kernels only have tick counts.
            let stat = cpuacct.keyedNumbers("cpuacct.stat")
            let tick = 1 / Double(sysconf(Int32(_SC_CLK_TCK)))
            user = Double(stat["user"] ?? 0) * tick
            system = Double(stat["system"] ?? 0) * tick
        }
        let throttling = cpu.keyedNumbers("cpu.stat")
        let limit = memory.number("memory.limit_in_bytes")
        // The `total_` counters include any child cgroups a task made under its own.
        let stat = memory.keyedNumbers("memory.stat")
        return ContainerUsage(
            timestamp: ContainerUsage.now(),
            cpuUserSeconds: user,
            cpuSystemSeconds: system,
            memoryBytes: memory.number("memory.usage_in_bytes") ?? 0,
            // "Unlimited" reads as the largest page-aligned Int64.
            memoryLimitBytes: limit.flatMap { $0 >= UInt64(Int64.max) / 2 ? nil : $0 },
            throttledSeconds: Double(throttling["throttled_time"] ?? 0) * nanosecond,
            throttledPeriods: throttling["nr_throttled"] ?? 0,
            periods: throttling["nr_periods"] ?? 0,
            processes: memory.processCountInTree,
            memoryBreakdown: ContainerUsage.MemoryBreakdown(
                rssBytes: stat["total_rss"] ?? 0, cacheBytes: stat["total_cache"] ?? 0,
                mappedFileBytes: stat["total_mapped_file"] ?? 0, swapBytes: stat["total_swap"] ?? 0)
        )
    }
}
