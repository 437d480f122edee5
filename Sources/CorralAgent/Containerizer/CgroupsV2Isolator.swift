import Glibc
import Logging

/// cgroups v2: one cgroup per container under `corral/<name>` in the unified hierarchy, with the
/// cpu and memory controllers enabled down the path.
struct CgroupsV2Isolator: Isolator {
    let mode = IsolationMode.cgroupsV2
    private let root: CgroupDirectory
    private let spares: CgroupSpares

    private static let controllers = ["cpu", "memory"]
    private static let cfsPeriodMicroseconds = 100_000

    /// Uses the first cgroup2 mount that offers cpu and memory and can be written, creating the
    /// root cgroup fresh. Throws, saying what each mount lacks, when none can be used.
    init(name: String, mounts: CgroupMounts, keepingContainers: Bool = false, logger: Logger) throws(ContainerizerError) {
        guard !mounts.unified.isEmpty else { throw .cgroup("no cgroup2 hierarchy is mounted") }
        var problems: [String] = []
        for mount in mounts.unified {
            do {
                root = try Self.prepareRoot(name: name, mount: mount, keepingContainers: keepingContainers, logger: logger)
                spares = CgroupSpares(hierarchies: [root])
                return
            } catch {
                problems.append(error.detail)
            }
        }
        throw .cgroup(problems.joined(separator: "; "))
    }

    private static func prepareRoot(name: String, mount: CgroupMounts.Mount, keepingContainers: Bool, logger: Logger) throws(ContainerizerError) -> CgroupDirectory {
        let hierarchy = CgroupDirectory(path: mount.point)
        let available = (hierarchy.read("cgroup.controllers") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        let missing = controllers.filter { !available.contains($0) }
        guard missing.isEmpty else {
            let has = available.isEmpty ? "none" : available.joined(separator: ", ")
            throw .cgroup("cgroup2 at \(mount.point) lacks \(missing.joined(separator: ", ")) (has: \(has))")
        }
        guard !mount.readOnly, access(mount.point, W_OK) == 0 else {
            throw .cgroup("cgroup2 at \(mount.point) is not writable")
        }
        // A cgroup's children get a controller only if the cgroup enables it for its subtree.
        let corral = hierarchy.child("corral")
        try enableControllers(in: hierarchy)
        try corral.create()
        corral.removeAbandoned(logger: logger)
        try enableControllers(in: corral)
        let root = corral.child(name)
        try root.prepare(keepingContainers: keepingContainers, logger: logger)
        try enableControllers(in: root)
        return root
    }

    private static func enableControllers(in group: CgroupDirectory) throws(ContainerizerError) {
        let enabled = (group.read("cgroup.subtree_control") ?? "").split(whereSeparator: \.isWhitespace)
        let needed = controllers.filter { !enabled.contains(Substring($0)) }
        guard !needed.isEmpty else { return }
        try group.write("cgroup.subtree_control", needed.map { "+" + $0 }.joined(separator: " "))
    }

    var roots: [String] { [root.path] }

    func prepare(_ id: String, cpus: Double?, memoryBytes: UInt64?) throws(ContainerizerError) -> [String] {
        let group = root.child(id)
        if try !spares.take(as: id) { try group.create() }
        if let cpus {
            // v1's shares mapped onto v2's weight range as runc and systemd do.
            let shares = max(2, Int(min(1024 * cpus, 262_144)))
            try group.write("cpu.weight", String(1 + ((shares - 2) * 9999) / 262_142))
            let quota = max(1000, Int(min(cpus, 1e6) * Double(Self.cfsPeriodMicroseconds)))
            try group.write("cpu.max", "\(quota) \(Self.cfsPeriodMicroseconds)")
        }
        if let memoryBytes {
            try group.write("memory.max", String(memoryBytes))
            // Best effort: no swapping past the limit, and an OOM kill takes the whole task.
            try? group.write("memory.swap.max", "0")
            try? group.write("memory.oom.group", "1")
        }
        return cgroupJoinFiles(of: id)
    }

    func cgroupJoinFiles(of id: String) -> [String] {
        [root.child(id).file("cgroup.procs")]
    }

    func processes(of id: String, leader: pid_t) -> [pid_t] {
        root.child(id).processes
    }

    func usage(of id: String, leader: pid_t) -> ContainerUsage {
        usage(of: root.child(id))
    }

    /// The root's counters are hierarchical, except throttling, which only counts the root's own limit.
    func totalUsage(leaders: [pid_t]) -> ContainerUsage {
        usage(of: root)
    }

    func oomKilled(_ id: String) -> Bool {
        (root.child(id).keyedNumbers("memory.events")["oom_kill"] ?? 0) > 0
    }

    func destroy(_ id: String, leader: pid_t?) throws(ContainerizerError) {
        let group = root.child(id)
        // cgroup.kill (5.14+) kills the whole cgroup at once, even processes forking meanwhile.
        if SystemFile.exists(group.file("cgroup.kill")) { try? group.write("cgroup.kill", "1") }
        try group.killAndRemoveTree(until: .now + destroyTimeout)
    }

    func prepareAhead() { spares.replenish() }

    func releaseAhead() { spares.close() }

    func destroyRoots() throws(ContainerizerError) {
        spares.close()
        if SystemFile.exists(root.file("cgroup.kill")) { try? root.write("cgroup.kill", "1") }
        try root.removeWithAncestorIfEmpty()
    }

    private func usage(of group: CgroupDirectory) -> ContainerUsage {
        let microsecond = 1e-6
        let cpu = group.keyedNumbers("cpu.stat")
        // v2 has no `rss`: anonymous memory is what stays resident of the task's own.
        let memory = group.keyedNumbers("memory.stat")
        return ContainerUsage(
            timestamp: ContainerUsage.now(),
            cpuUserSeconds: Double(cpu["user_usec"] ?? 0) * microsecond,
            cpuSystemSeconds: Double(cpu["system_usec"] ?? 0) * microsecond,
            memoryBytes: group.number("memory.current") ?? 0,
            memoryLimitBytes: group.number("memory.max"), // "max" reads as nil
            throttledSeconds: Double(cpu["throttled_usec"] ?? 0) * microsecond,
            throttledPeriods: cpu["nr_throttled"] ?? 0,
            periods: cpu["nr_periods"] ?? 0,
            processes: group.processCountInTree,
            memoryBreakdown: ContainerUsage.MemoryBreakdown(
                rssBytes: memory["anon"] ?? 0, cacheBytes: memory["file"] ?? 0,
                mappedFileBytes: memory["file_mapped"] ?? 0, swapBytes: group.number("memory.swap.current") ?? 0)
        )
    }
}
