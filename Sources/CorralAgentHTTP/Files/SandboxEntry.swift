import CorralHTTPServer
import CorralModel
import Foundation

/// A file or directory of a sandbox, opened without following a symbolic link anywhere below
/// the sandbox, and only if it is a regular file or a directory.
///
/// The task owns its sandbox and may put anything there: a link to /etc/shadow, a FIFO that
/// would block a read, a device node. Each name is looked at (`fstatat`, not following links)
/// before it is opened relative to its parent (`openat`, `O_NOFOLLOW`, non-blocking), and what
/// was opened is checked again, so that a name swapped in between is caught too.
final class SandboxEntry: Sendable {
    let descriptor: Int32
    let status: stat

    var isDirectory: Bool { (status.st_mode & S_IFMT) == S_IFDIR }

    /// 404 when a name is missing (or the sandbox is); 403 for a link or anything that is
    /// neither a regular file nor a directory.
    init(_ path: SandboxPath) throws(HTTPProblem) {
        var current = open(path.sandbox.directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard current >= 0 else { throw SandboxPath.notFound(path.requested) }
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

    /// The owner's name (the user the task runs as), for `access_sandboxes`.
    var ownerName: String { SystemUser.name(of: status.st_uid) ?? "\(status.st_uid)" }
}
