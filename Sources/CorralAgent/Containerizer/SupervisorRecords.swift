import Glibc

/// What a task's supervisor writes (main.c) into the record the agent names for it: a line
/// `pids <supervisor pid> <task pid>` once the task runs, then `exit N` or `signal N` once it has
/// ended. A line without its newline is one the supervisor did not finish writing, and counts as
/// not there.
enum SupervisorRecords {
    static func pids(in path: String) -> (supervisor: pid_t, task: pid_t)? {
        guard let fields = lines(path).first(where: { $0.first == "pids" }), fields.count == 3,
            let supervisor = pid_t(fields[1]), let task = pid_t(fields[2]), supervisor > 0, task > 0
        else { return nil }
        return (supervisor, task)
    }

    static func status(in path: String) -> ExitStatus? {
        for fields in lines(path) where fields.count == 2 {
            guard let value = Int32(fields[1]) else { continue }
            if fields[0] == "exit" { return .exited(value) }
            if fields[0] == "signal" { return .signaled(value) }
        }
        return nil
    }

    /// Whether `pid` is a task supervisor: a process running `corral-supervisor` (a pid that was
    /// reused by anything else is not).
    static func isSupervisor(_ pid: pid_t) -> Bool {
        SystemFile.linkTarget("/proc/\(pid)/exe")?.contains("corral-supervisor") ?? false
    }

    /// The file's whole lines, split into fields.
    private static func lines(_ path: String) -> [[Substring]] {
        guard let text = SystemFile.read(path) else { return [] }
        var complete = text.split(separator: "\n", omittingEmptySubsequences: false)
        complete.removeLast()  // after the last newline: empty, or a line not finished
        return complete.map { $0.split(separator: " ") }
    }
}
