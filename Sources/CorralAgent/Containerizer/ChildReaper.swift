import CLauncher
import Foundation
import Glibc
import Synchronization

/// Reaps this process's children one at a time, each through its pidfd, on one thread that
/// blocks in epoll_wait: no polling (Foundation.Process's wait polls every 50 ms on Linux), and
/// never waitpid(-1), which would steal children that other code is waiting for.
public final class ChildReaper: Sendable {
    public typealias Handler = @Sendable (ExitStatus) -> Void

    /// The process's reaper; its thread lives as long as the process, parked in epoll_wait.
    public static let shared = ChildReaper()

    private let epoll: Int32
    /// Handlers by pidfd; an entry exists exactly while its pidfd is open and in the epoll set.
    private let handlers = Mutex<[Int32: Watch]>([:])

    private enum Watch {
        /// A child of this process: reaped, and its status handed on.
        case child(Handler)
        /// Any other process (a task's supervisor, which outlives agents): only its end is told.
        case process(@Sendable () -> Void)
    }

    private init() {
        epoll = corral_epoll_create()
        precondition(epoll >= 0, "epoll_create1: \(SystemFile.describe(errno))")
        let thread = Thread { [self] in run() }
        thread.name = "corral-reaper"
        thread.start()
    }

    /// Waits until the child `pid` of this process exits, reaps it, and returns how it ended.
    /// A child that exited before the call (a zombie) is reaped at once; a pid that is not a
    /// child of this process throws.
    public func exit(of pid: pid_t) async throws(ReaperError) -> ExitStatus {
        let pidfd = corral_pidfd_open(pid)
        guard pidfd >= 0 else { throw ReaperError(operation: "pidfd_open \(pid)", code: errno) }
        guard corral_pidfd_check_child(pidfd) == 0 else {
            let code = errno
            close(pidfd)
            throw ReaperError(operation: "waitid \(pid)", code: code)
        }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<ExitStatus, ReaperError>, Never>) in
            do throws(ReaperError) {
                try watch(pidfd: pidfd) { continuation.resume(returning: .success($0)) }
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
        return try result.get()
    }

    /// Takes ownership of `pidfd`, a pidfd of a child of this process, and calls `handler` on the
    /// reaper's thread once that child has exited and been reaped. The handler must be quick.
    func watch(pidfd: Int32, handler: @escaping Handler) throws(ReaperError) {
        try add(pidfd, .child(handler))
    }

    /// Takes ownership of `pidfd`, a pidfd of any process, and calls `handler` on the reaper's
    /// thread once that process has exited. Nothing is reaped: it is someone else's child.
    func watchExit(pidfd: Int32, handler: @escaping @Sendable () -> Void) throws(ReaperError) {
        try add(pidfd, .process(handler))
    }

    private func add(_ pidfd: Int32, _ watch: Watch) throws(ReaperError) {
        // Registered before the fd enters the epoll set, so an already-exited child finds it.
        handlers.withLock { $0[pidfd] = watch }
        guard corral_epoll_add(epoll, pidfd) == 0 else {
            let code = errno
            handlers.withLock { _ = $0.removeValue(forKey: pidfd) }
            close(pidfd)
            throw ReaperError(operation: "epoll_ctl", code: code)
        }
    }

    private func run() {
        var ready = [Int32](repeating: 0, count: 64)
        while true {
            let count = corral_epoll_wait(epoll, &ready, Int32(ready.count), -1)
            precondition(count >= 0, "epoll_wait: \(SystemFile.describe(errno))")
            for pidfd in ready.prefix(Int(count)) { reap(pidfd) }
        }
    }

    private func reap(_ pidfd: Int32) {
        guard let watch = handlers.withLock({ $0[pidfd] }) else { return }
        var status = ExitStatus.exited(-1)
        if case .child = watch {
            var signaled: Int32 = 0
            var code: Int32 = 0
            let reaped = corral_pidfd_reap(pidfd, &signaled, &code)
            guard reaped != 0 else { return }
            // ECHILD: someone else reaped it; the status is lost but the waiter must still hear.
            if reaped > 0 { status = signaled != 0 ? .signaled(code) : .exited(code) }
        }
        // Out of the epoll set before close: a copy of the fd held by a child being spawned
        // elsewhere would otherwise keep it there, ready forever.
        corral_epoll_remove(epoll, pidfd)
        handlers.withLock { _ = $0.removeValue(forKey: pidfd) }
        close(pidfd)
        switch watch {
        case .child(let handler): handler(status)
        case .process(let handler): handler()
        }
    }
}

public struct ReaperError: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    public var code: Int32

    public var description: String { "\(operation): \(SystemFile.describe(code))" }
}
