import Glibc

/// The fields of /proc/<pid>/stat that posix isolation needs: which session a process is in,
/// and what it has used.
struct ProcessStat: Sendable, Hashable {
    var pid: pid_t
    var isZombie: Bool
    var session: pid_t
    /// Including reaped children's, so a task's usage does not drop when its children exit.
    var userTicks: UInt64
    var systemTicks: UInt64
    var residentPages: UInt64

    /// Parses the text of /proc/<pid>/stat. The command name may hold spaces and parentheses,
    /// so fields are counted from the last ')'.
    init?(_ text: String) {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"),
              let pid = text[..<open].split(separator: " ").first.flatMap({ pid_t($0) }) else { return nil }
        // After ')': state(3) ppid(4) pgrp(5) session(6) … utime(14) stime(15) cutime(16) cstime(17) … rss(24)
        let fields = text[text.index(after: close)...].split(separator: " ")
        func number(_ field: Int) -> UInt64 {
            let index = field - 3
            return index < fields.count ? UInt64(fields[index]) ?? 0 : 0
        }
        guard fields.count > 21, let session = pid_t(fields[6 - 3]) else { return nil }
        self.pid = pid
        self.isZombie = fields[0] == "Z"
        self.session = session
        self.userTicks = number(14) + number(16)
        self.systemTicks = number(15) + number(17)
        self.residentPages = number(24)
    }

    static func read(_ pid: pid_t) -> ProcessStat? {
        SystemFile.read("/proc/\(pid)/stat").flatMap(ProcessStat.init)
    }

    /// Whether `pid` has ended: no such process, or a zombie nobody reaped. A killed agent whose
    /// parent does not wait for it (an init that does not reap, a shell busy elsewhere) stays a
    /// zombie, which `kill(pid, 0)` alone takes for alive: its tasks were then never swept.
    static func hasEnded(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 { return errno == ESRCH }
        return read(pid)?.isZombie ?? true
    }

    /// Whether the process that named `name` (`<pid>-…`: an embedded agent's checkpoint or
    /// cgroup) is another one, and has ended.
    static func ownerHasEnded(ofName name: some StringProtocol) -> Bool {
        guard let owner = name.split(separator: "-").first.flatMap({ pid_t($0) }), owner != getpid() else { return false }
        return hasEnded(owner)
    }

    /// Every process whose session is `session`: a posix container is the session its first
    /// process created.
    static func inSession(_ session: pid_t) -> [ProcessStat] {
        SystemFile.entries(of: "/proc").compactMap { name in
            guard let pid = pid_t(name), let stat = read(pid), stat.session == session else { return nil }
            return stat
        }
    }
}
