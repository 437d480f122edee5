import CorralHTTPServer
import CorralModel
import Foundation

/// A file or directory of a sandbox, opened without following a symbolic link anywhere below
/// the sandbox, and only if it is a regular file or a directory the sandbox's task may show.
///
/// The task owns its sandbox and may put anything there: a symbolic link to /etc/shadow, a
/// hard link to it (where `fs.protected_hardlinks` is off, or to a file the task may write), a
/// FIFO that would block a read, a device node. Each name is looked at (`fstatat`, not
/// following links) before it is opened relative to its parent (`openat`, `O_NOFOLLOW`,
/// non-blocking), and what was opened is checked again, so that a name swapped in between is
/// caught too. A hard link cannot be told from the file's first name, so a regular file with
/// more than one link is served only when the task's user owns it: what the agent (root) can
/// read is not what the task could show.
final class SandboxEntry: Sendable {
    let descriptor: Int32
    let status: stat

    var isDirectory: Bool { (status.st_mode & S_IFMT) == S_IFDIR }

    /// 404 when a name is missing (or the sandbox is); 403 for a symbolic link, for anything
    /// that is neither a regular file nor a directory, and for a hard link to a file of another
    /// user. `authorize` is given the task's user before anything inside the sandbox is looked
    /// at, so that a principal who may not read the sandbox learns nothing of what is in it.
    /// The task's user owns the sandbox directory: the agent gives it to them, and a task cannot
    /// give it away. Files in it owned by other users are served unless they are hard links.
    init(_ path: SandboxPath, authorize: (_ taskUser: String) throws(HTTPProblem) -> Void) throws(HTTPProblem) {
        var current = open(path.sandbox.directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard current >= 0 else { throw SandboxPath.notFound(path.requested) }
        var sandbox = stat()
        guard fstat(current, &sandbox) == 0 else {
            close(current)
            throw SandboxPath.notFound(path.requested)
        }
        do {
            try authorize(Self.userName(sandbox.st_uid))
        } catch {
            close(current)
            throw error
        }
        for name in path.names {
            let next = Self.openChild(name, of: current, path: path)
            close(current)
            current = try next.get()
        }
        var status = stat()
        guard fstat(current, &status) == 0 else {
            close(current)
            throw SandboxPath.notFound(path.requested)
        }
        if let refusal = Self.hardLinkRefusal(status, taskUID: sandbox.st_uid, path: path) {
            close(current)
            throw refusal
        }
        descriptor = current
        self.status = status
    }

    deinit { close(descriptor) }

    private static func openChild(_ name: String, of parent: Int32, path: SandboxPath) -> Result<Int32, HTTPProblem> {
        var seen = stat()
        guard fstatat(parent, name, &seen, AT_SYMLINK_NOFOLLOW) == 0 else { return .failure(SandboxPath.notFound(path.requested)) }
        guard Self.isServed(seen.st_mode) else { return .failure(refusal(seen.st_mode, path: path)) }
        let child = openat(parent, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard child >= 0 else { return .failure(SandboxPath.notFound(path.requested)) }
        var opened = stat()
        guard fstat(child, &opened) == 0, (opened.st_mode & S_IFMT) == (seen.st_mode & S_IFMT) else {
            close(child)
            return .failure(SandboxPath.notFound(path.requested))
        }
        return .success(child)
    }

    private static func isServed(_ mode: mode_t) -> Bool {
        let kind = mode & S_IFMT
        return kind == S_IFREG || kind == S_IFDIR
    }

    private static func refusal(_ mode: mode_t, path: SandboxPath) -> HTTPProblem {
        let what = (mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "neither a regular file nor a directory"
        return HTTPProblem(.forbidden, "'\(path.requested)' is \(what); the files API serves only the sandbox's own files and directories")
    }

    /// A regular file with another name somewhere (a hard link) that the task's user does not
    /// own: the task may have linked in a file it could never read. Checked on what was opened,
    /// so a link made between the look and the opening is caught too.
    private static func hardLinkRefusal(_ status: stat, taskUID: uid_t, path: SandboxPath) -> HTTPProblem? {
        guard (status.st_mode & S_IFMT) == S_IFREG, status.st_nlink > 1, status.st_uid != taskUID else { return nil }
        return HTTPProblem(
            .forbidden,
            "'\(path.requested)' is a file with \(status.st_nlink) hard links that the task's user '\(userName(taskUID))' does not own; "
                + "the files API serves only the sandbox's own files and directories")
    }

    /// A user's name, or their number when the system has no name for them.
    static func userName(_ uid: uid_t) -> String { SystemUser.name(of: uid) ?? "\(uid)" }
}
