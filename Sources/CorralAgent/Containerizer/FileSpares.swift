import CLauncher
import Glibc

/// What a launch creates on disk, made ahead (`SparePool`) in a private directory of the
/// checkpoint's (`<work-dir>/meta/spares` by default): sandboxes holding empty `stdout` and
/// `stderr`, and empty files for a task's log and its supervisor's record. A launch that takes
/// them renames three things where it would create five.
///
/// A rename never replaces anything: a sandbox already there (a task ID launched again) is kept,
/// and its task appends to its files, as without spares. A sandbox is made the task user's, and
/// its time now, while it is still in the private directory, so the rename is the moment it
/// becomes the task's: no one else can reach it before, and a crash leaves it whole or not there.
/// Spare sandboxes are made where the spares are, not in `tasks/`: they do not inherit a setgid
/// group or default ACL an operator put there. Where a rename cannot work (the sandboxes on
/// another filesystem, one without RENAME_NOREPLACE), that kind of spare is given up for good.
public final class FileSpares: Sendable {
    private let directory: String
    private let files: SparePool
    private let sandboxes: SparePool

    /// Spares a killed agent left in `directory` are removed.
    public init(directory: String) {
        self.directory = directory
        _ = SystemFile.createDirectories(directory, mode: 0o700)
        let leftovers = SystemFile.entries(of: directory)
        let path: @Sendable (String) -> String = { name in directory + "/" + name }
        files = SparePool(
            prefix: "file-", count: 4, leftovers: leftovers,
            kind: SparePool.Kind(make: { Self.makeEmptyFile(path($0), mode: 0o600) }, remove: { unlink(path($0)) }))
        sandboxes = SparePool(
            prefix: "sandbox-", count: 2, leftovers: leftovers,
            kind: SparePool.Kind(
                make: { name in
                    guard mkdir(path(name), 0o755) == 0 else { return false }
                    for file in ["stdout", "stderr"] where !Self.makeEmptyFile(path(name) + "/" + file, mode: 0o644) {
                        CheckpointFile.removeTree(path(name))
                        return false
                    }
                    return true
                },
                remove: { CheckpointFile.removeTree(path($0)) }))
    }

    /// An empty file at `path`, whose directory exists; false when no spare was ready or `path`
    /// is taken.
    func emptyFile(at path: String) -> Bool {
        guard let spare = files.take() else { return false }
        return move(spare, from: files, to: path, makingParent: false)
    }

    /// A sandbox at `path` holding empty `stdout` and `stderr`, owned by `user` (nil: the agent's
    /// user) and its parents made as needed; false when no spare was ready or `path` is taken.
    func sandbox(at path: String, for user: TaskUser?) -> Bool {
        guard let spare = sandboxes.take() else { return false }
        // The spare's directory is the agent's alone: nothing can be swapped in under these names.
        let from = directory + "/" + spare
        var ownerSet = true
        if let user {
            ownerSet = ["stdout", "stderr", ""].allSatisfy { name in
                fchownat(AT_FDCWD, name.isEmpty ? from : from + "/" + name, user.uid, user.gid, AT_SYMLINK_NOFOLLOW) == 0
            }
        }
        guard ownerSet, utimensat(AT_FDCWD, from, nil, 0) == 0 else {
            CheckpointFile.removeTree(from)
            return false
        }
        // One made another user's is not put back for the next launch.
        return move(spare, from: sandboxes, to: path, makingParent: true, reusable: user == nil)
    }

    /// A file no longer needed (an acknowledged task's log or record): emptied and kept as a
    /// spare when there is room, else removed. Fewer inodes are made and freed: on ext4 without
    /// a journal each inode freed in the last minute or more is skipped, one by one, by every
    /// later creation (here 0.1 ms of CPU a creation became 0.85 after a few thousand tasks).
    func recycle(_ path: String) {
        let kept = files.adopt { name in truncate(path, 0) == 0 && Glibc.rename(path, directory + "/" + name) == 0 }
        if !kept { unlink(path) }
    }

    /// Makes spares until enough are ready. Off a launch's path: each creation is what a launch
    /// saves.
    public func replenish() {
        files.replenish()
        sandboxes.replenish()
    }

    /// No spare is made from now on, and those made are removed.
    public func close() {
        files.close()
        sandboxes.close()
        rmdir(directory)
    }

    private func move(_ spare: String, from pool: SparePool, to path: String, makingParent: Bool, reusable: Bool = true) -> Bool {
        let from = directory + "/" + spare
        var failure = Self.renameUnlessTaken(from, path)
        if failure == ENOENT, makingParent, let slash = path.lastIndex(of: "/"), SystemFile.createDirectories(String(path[..<slash])) == 0 {
            failure = Self.renameUnlessTaken(from, path)
        }
        switch failure {
        case 0:
            return true
        case EXDEV, EINVAL, ENOSYS, EPERM:
            // Another filesystem, or one without RENAME_NOREPLACE: no spare of this kind will do.
            pool.close()
            CheckpointFile.removeTree(from)
        case EEXIST where reusable, ENOENT where reusable && SystemFile.exists(from):
            pool.putBack(spare)  // `path` is taken, or its directory is not there yet
        default:
            CheckpointFile.removeTree(from)  // the spare was removed from under the pool, or is not reusable
        }
        return false
    }

    /// 0, or the errno of a rename that would not replace `to`.
    private static func renameUnlessTaken(_ from: String, _ to: String) -> Int32 {
        corral_rename_noreplace(from, to) == 0 ? 0 : errno
    }

    private static func makeEmptyFile(_ path: String, mode: mode_t) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { return false }
        Glibc.close(fd)
        return true
    }
}
