import CorralModel
import Foundation
import Glibc

/// Removes the sandboxes of tasks that ended `--gc-delay` ago (Mesos's `--gc_delay`, a week by
/// default), sooner as the disk fills: the delay shrinks by the fraction of the disk in use plus
/// a tenth of headroom, as Mesos's `--gc_disk_headroom` does. The work directory itself is the
/// record: a sandbox's age is its last change, so nothing needs checkpointing and a restarted
/// agent collects what it left behind.
struct SandboxCollector: Sendable {
    var workDirectory: String
    var delay: Double
    var diskHeadroom = 0.1

    /// The delay for a disk that is `usedFraction` full.
    func effectiveDelay(usedFraction: Double) -> Double {
        max(0, delay * (1 - min(1, max(0, usedFraction)) - diskHeadroom))
    }

    /// Removes every sandbox under the work dir that belongs to no task in `live` and was last
    /// changed more than the effective delay before `now`; returns the ones removed.
    @discardableResult
    func collect(live: Set<TaskKey>, now: Double, usedFraction: Double) -> [String] {
        let cutoff = now - effectiveDelay(usedFraction: usedFraction)
        var removed: [String] = []
        let agents = workDirectory + "/agents"
        for agent in SystemFile.entries(of: agents) {
            let frameworks = agents + "/" + agent + "/frameworks"
            for framework in SystemFile.entries(of: frameworks) {
                let tasks = frameworks + "/" + framework + "/tasks"
                for task in SystemFile.entries(of: tasks) where !live.contains(TaskKey(FrameworkID(framework), TaskID(task))) {
                    let sandbox = tasks + "/" + task
                    guard let changed = Self.lastChange(sandbox), changed < cutoff else { continue }
                    if (try? FileManager.default.removeItem(atPath: sandbox)) != nil { removed.append(sandbox) }
                }
                _ = rmdir(tasks)  // only when empty
                _ = rmdir(frameworks + "/" + framework)
            }
        }
        return removed
    }

    /// The disk's used fraction where the work dir lives (0 when it cannot be read).
    func usedFraction() -> Double {
        var stats = statvfs()
        guard statvfs(workDirectory, &stats) == 0, stats.f_blocks > 0 else { return 0 }
        return 1 - Double(stats.f_bavail) / Double(stats.f_blocks)
    }

    /// The newest modification time of the sandbox and the files directly in it (a task that
    /// wrote output until it ended counts from then), without following symlinks.
    static func lastChange(_ path: String) -> Double? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        var newest = Double(info.st_mtim.tv_sec)
        for entry in SystemFile.entries(of: path) where lstat(path + "/" + entry, &info) == 0 {
            newest = max(newest, Double(info.st_mtim.tv_sec))
        }
        return newest
    }
}
