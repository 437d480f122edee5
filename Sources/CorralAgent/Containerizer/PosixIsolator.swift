import Glibc

/// No limits: a container is the session its first process created, and its usage is summed
/// from /proc over that session's processes. Processes that start a session of their own escape it.
struct PosixIsolator: Isolator {
    let mode = IsolationMode.posix
    var roots: [String] { [] }

    private static let secondsPerTick = 1 / Double(sysconf(Int32(_SC_CLK_TCK)))
    private static let pageSize = UInt64(sysconf(Int32(_SC_PAGESIZE)))

    func prepare(_ id: String, cpus: Double?, memoryBytes: UInt64?) throws(ContainerizerError) -> [String] {
        []
    }

    func cgroupJoinFiles(of id: String) -> [String] { [] }

    func processes(of id: String, leader: pid_t) -> [pid_t] {
        ProcessStat.inSession(leader).filter { !$0.isZombie }.map(\.pid)
    }

    func usage(of id: String, leader: pid_t) -> ContainerUsage {
        usage(of: ProcessStat.inSession(leader))
    }

    func totalUsage(leaders: [pid_t]) -> ContainerUsage {
        let sessions = Set(leaders)
        let all = SystemFile.entries(of: "/proc").compactMap { name -> ProcessStat? in
            guard let pid = pid_t(name), let stat = ProcessStat.read(pid), sessions.contains(stat.session) else { return nil }
            return stat
        }
        return usage(of: all)
    }

    func oomKilled(_ id: String) -> Bool { false }

    func destroy(_ id: String, leader: pid_t?) throws(ContainerizerError) {
        guard let leader else { return }
        let deadline = ContinuousClock.now + destroyTimeout
        var survivors = processes(of: id, leader: leader)
        while !survivors.isEmpty {
            guard ContinuousClock.now < deadline else {
                throw .destroyFailed("processes \(survivors) of container '\(id)' survived SIGKILL")
            }
            for pid in survivors { kill(pid, SIGKILL) }
            usleep(1000)
            survivors = processes(of: id, leader: leader)
        }
    }

    func destroyRoots() throws(ContainerizerError) {}

    private func usage(of processes: [ProcessStat]) -> ContainerUsage {
        let resident = processes.reduce(0) { $0 + $1.residentPages } * Self.pageSize
        return ContainerUsage(
            timestamp: ContainerUsage.now(),
            cpuUserSeconds: Double(processes.reduce(0) { $0 + $1.userTicks }) * Self.secondsPerTick,
            cpuSystemSeconds: Double(processes.reduce(0) { $0 + $1.systemTicks }) * Self.secondsPerTick,
            memoryBytes: resident,
            processes: processes.count(where: { !$0.isZombie }),
            // Resident sets are all /proc says: no page cache or swap per session.
            memoryBreakdown: ContainerUsage.MemoryBreakdown(rssBytes: resident)
        )
    }
}
