import Glibc
import Logging

/// One cgroup: a directory in a cgroup hierarchy (v1 or v2), and the operations both versions share.
struct CgroupDirectory: Sendable, Hashable {
    let path: String

    func child(_ name: String) -> CgroupDirectory {
        CgroupDirectory(path: path + "/" + name)
    }

    /// The enclosing cgroup: `corral` for `corral/<name>`.
    var parent: CgroupDirectory {
        CgroupDirectory(path: String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
    }

    func file(_ name: String) -> String {
        path + "/" + name
    }

    var exists: Bool { SystemFile.exists(path) }

    func read(_ name: String) -> String? {
        SystemFile.read(file(name))
    }

    func write(_ name: String, _ value: String) throws(ContainerizerError) {
        try SystemFile.write(value, to: file(name))
    }

    /// A file holding one number, such as memory.usage_in_bytes.
    func number(_ name: String) -> UInt64? {
        read(name)?.split(separator: "\n").first.flatMap { UInt64($0) }
    }

    /// A file of "key value" lines, such as cpu.stat or memory.events.
    func keyedNumbers(_ name: String) -> [Substring: UInt64] {
        var values: [Substring: UInt64] = [:]
        for line in (read(name) ?? "").split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let value = UInt64(fields[1]) { values[fields[0]] = value }
        }
        return values
    }

    /// Creates the directory; one that already exists is fine.
    func create() throws(ContainerizerError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw .cgroup("mkdir \(path): \(SystemFile.describe(errno))")
        }
    }

    /// Processes in this cgroup itself (zombies are not listed).
    var processes: [pid_t] {
        (read("cgroup.procs") ?? "").split(separator: "\n").compactMap { pid_t($0) }
    }

    var children: [CgroupDirectory] {
        SystemFile.entries(of: path).filter { SystemFile.exists(path + "/" + $0 + "/cgroup.procs") }.map(child)
    }

    /// Processes in this cgroup and every cgroup below it.
    var processCountInTree: Int {
        children.reduce(processes.count) { $0 + $1.processCountInTree }
    }

    /// SIGKILLs every process below and in this cgroup until none is left, then removes the
    /// directories, deepest first. rmdir fails with EBUSY until the kernel has finished with the
    /// killed tasks, or while a cgroup made meanwhile is below, so both steps retry until
    /// `deadline`.
    func killAndRemoveTree(until deadline: ContinuousClock.Instant) throws(ContainerizerError) {
        // A cgroup with no process and no cgroup below, as a finished task's is, goes at once:
        // the walk below costs a lookup per control file, on every task's end.
        if rmdir(path) == 0 || errno == ENOENT { return }
        for child in children {
            try child.killAndRemoveTree(until: deadline)
        }
        var pids = processes
        while !pids.isEmpty {
            guard ContinuousClock.now < deadline else {
                throw .cgroup("processes \(pids) in \(path) survived SIGKILL")
            }
            for pid in pids { kill(pid, SIGKILL) }
            usleep(1000)
            pids = processes
        }
        while rmdir(path) != 0 {
            let code = errno
            if code == ENOENT { return }
            guard code == EBUSY, ContinuousClock.now < deadline else {
                throw .cgroup("rmdir \(path): \(SystemFile.describe(code))")
            }
            // A cgroup made below meanwhile (a spare the agent was making) goes too.
            for child in children { try child.killAndRemoveTree(until: deadline) }
            usleep(1000)
        }
    }

    /// Makes this cgroup (and its parent, if missing). One already there belongs to an earlier
    /// run of the same agent: kept, with its containers, when the agent recovers them; otherwise
    /// that run crashed, and its processes are killed and it goes.
    func prepare(keepingContainers: Bool, logger: Logger) throws(ContainerizerError) {
        try parent.create()
        if exists, !keepingContainers {
            logger.warning("Removing a cgroup left by a previous run", metadata: ["cgroup": "\(path)"])
            try killAndRemoveTree(until: .now + destroyTimeout)
        }
        try create()
    }

    /// Removes the cgroups below this one that agents of an embedded cluster left when their
    /// process died without cleaning up (killed with SIGKILL, crashed). Their names start with
    /// that process's id (`<pid>-…`), so a cgroup whose process is gone is abandoned: the tasks
    /// still in it are killed and it goes. A pid taken again by another process keeps its
    /// cgroup, which errs on the safe side.
    func removeAbandoned(logger: Logger) {
        for child in children {
            guard ProcessStat.ownerHasEnded(ofName: child.path.split(separator: "/").last ?? "") else { continue }
            let left = child.processCountInTree
            if left > 0 {
                logger.warning("Killing tasks left by an agent whose process is gone", metadata: ["cgroup": "\(child.path)", "processes": "\(left)"])
            }
            do { try child.killAndRemoveTree(until: .now + destroyTimeout) } catch {
                logger.warning("Cannot remove an abandoned cgroup", metadata: ["cgroup": "\(child.path)", "problem": "\(error)"])
            }
        }
    }

    /// Kills and removes this cgroup, then its parent unless another containerizer still uses it.
    func removeWithAncestorIfEmpty() throws(ContainerizerError) {
        try killAndRemoveTree(until: .now + destroyTimeout)
        rmdir(parent.path) // ENOTEMPTY or EBUSY: still in use, and it stays
    }
}
