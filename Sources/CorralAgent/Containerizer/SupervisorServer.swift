import CLauncher
import Glibc
import Synchronization

/// The agent's end of `corral-supervisor --serve`: the small process that forks one supervisor
/// per task (see Sources/CorralSupervisor/main.c). A supervisor is the task's parent, so the task
/// outlives the agent, and it writes how the task ended where a restarted agent finds it.
///
/// The server is started on the first launch and again if it died; launches go through it one at
/// a time (each takes as long as a task's exec). It exits when the agent closes its socket, or
/// when the agent dies; the supervisors it forked do not.
final class SupervisorServer: Sendable {
    /// A task's process and its supervisor, or why the task could not start.
    struct Started: Sendable, Hashable {
        var supervisor: pid_t
        var task: pid_t
    }

    private struct Connection {
        var pid: pid_t
        var socket: Int32
        var nextRequest: UInt32 = 1
    }

    private let executable: String
    private let name: String
    private let connection = Mutex<Connection?>(nil)

    /// `executable` is `corral-supervisor`; `name` (the containerizer's) shows in `ps`.
    init(executable: String, name: String) {
        self.executable = executable
        self.name = name
    }

    deinit {
        connection.withLock { connection in
            if let connection { close(connection.socket) }
        }
    }

    /// Where `corral-supervisor` is: `$CORRAL_SUPERVISOR`, or beside this program (SwiftPM
    /// builds it there, for `corral` and for the test bundles alike).
    static func locate() throws(ContainerizerError) -> String {
        if let path = getenv("CORRAL_SUPERVISOR").map({ String(cString: $0) }), !path.isEmpty {
            guard access(path, X_OK) == 0 else { throw .supervisorMissing("$CORRAL_SUPERVISOR is \(path), which is not an executable file") }
            return path
        }
        guard let program = SystemFile.realPath("/proc/self/exe") else { throw .supervisorMissing("cannot read /proc/self/exe") }
        let directory = String(program[..<(program.lastIndex(of: "/") ?? program.startIndex)])
        let beside = directory + "/corral-supervisor"
        guard access(beside, X_OK) == 0 else {
            throw .supervisorMissing("corral-supervisor is not beside \(program) (build it with `swift build`, or set CORRAL_SUPERVISOR)")
        }
        return beside
    }

    /// Starts `launch` under a new supervisor, which appends the task's pids and then how it
    /// ended to `records`. Returns once the task runs the user's program, or throws naming the
    /// step that failed.
    func start(_ launch: ProcessLaunch, records: String) throws(LaunchProblem) -> Started {
        try connection.withLock { (connection) throws(LaunchProblem) -> Started in
            // A server that died (killed by hand, say) is started again, once per launch.
            for attempt in 0..<2 {
                if connection == nil { connection = try spawn() }
                guard var current = connection else { continue }
                let id = current.nextRequest
                current.nextRequest &+= 1
                connection = current
                let request = Self.encode(launch, records: records, id: id)
                guard Self.writeFully(current.socket, request), let reply = Self.readReply(current.socket) else {
                    close(current.socket)
                    connection = nil
                    if attempt == 1 { throw LaunchProblem("corral-supervisor: the server went away") }
                    continue
                }
                guard reply.step == 0 else { throw LaunchProblem(Self.describe(reply, launch)) }
                return Started(supervisor: reply.supervisor, task: reply.task)
            }
            throw LaunchProblem("corral-supervisor: cannot start the server")
        }
    }

    /// glibc's POSIX_SPAWN_SETSID, which Swift does not import (it needs _GNU_SOURCE).
    private static let spawnSetSID: Int32 = 0x80

    private func spawn() throws(LaunchProblem) -> Connection {
        var sockets: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &sockets) == 0 else {
            throw LaunchProblem("socketpair: \(SystemFile.describe(errno))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, sockets[1], 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A session of its own: a terminal's Ctrl-C for the agent is not the server's.
        posix_spawnattr_setflags(&attributes, Int16(Self.spawnSetSID | POSIX_SPAWN_SETSIGMASK))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(executable), strdup("--serve"), strdup(name), nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, nil)
        close(sockets[1])
        guard result == 0 else {
            close(sockets[0])
            throw LaunchProblem("posix_spawn \(executable): \(SystemFile.describe(result))")
        }
        // The server is this process's child: reap it when it goes, or it stays a zombie.
        let pidfd = corral_pidfd_open(pid)
        if pidfd >= 0 { try? ChildReaper.shared.watch(pidfd: pidfd) { _ in } }
        return Connection(pid: pid, socket: sockets[0])
    }

    // MARK: Wire

    private struct Reply {
        var request: UInt32
        var supervisor: Int32
        var task: Int32
        var step: Int32
        var index: Int32
        var error: Int32
    }

    /// The request main.c decodes: a length, then magic, id, argc, envc, cgroupc, uid, gid,
    /// groupc (u32 each), the groups (u32 each), then NUL-terminated strings.
    private static func encode(_ launch: ProcessLaunch, records: String, id: UInt32) -> [UInt8] {
        var body: [UInt8] = []
        let groups = (launch.user?.groups ?? []).prefix(1024).map { UInt32($0) }
        let header: [UInt32] = [
            0x4352_5332, id, UInt32(launch.argv.count), UInt32(launch.environment.count), UInt32(launch.cgroupJoinFiles.count),
            launch.user.map { UInt32($0.uid) } ?? 0xFFFF_FFFF, launch.user.map { UInt32($0.gid) } ?? 0, UInt32(groups.count),
        ]
        for value in header + groups {
            withUnsafeBytes(of: value.littleEndian) { body.append(contentsOf: $0) }
        }
        let strings = [launch.executable, launch.directory, launch.stdoutPath, launch.stderrPath, records]
            + launch.argv + launch.environment + launch.cgroupJoinFiles
        for string in strings {
            // A NUL would end the string early on the other side: it cannot be part of one.
            if string.utf8.contains(0) { body.append(contentsOf: string.utf8.filter { $0 != 0 }) } else { body.append(contentsOf: string.utf8) }
            body.append(0)
        }
        var message: [UInt8] = []
        withUnsafeBytes(of: UInt32(body.count).littleEndian) { message.append(contentsOf: $0) }
        return message + body
    }

    private static func writeFully(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    private static func readReply(_ fd: Int32) -> Reply? {
        var words = [Int32](repeating: 0, count: 6)
        var offset = 0
        let size = words.count * 4
        while offset < size {
            let count = words.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, size - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            offset += count
        }
        return Reply(request: UInt32(bitPattern: words[0]), supervisor: words[1], task: words[2], step: words[3], index: words[4], error: words[5])
    }

    /// "chdir /x: No such file or directory": the step, in the words of main.c's `enum step`:
    /// the supervisor's own, then from 6 on the task's, in CLauncher's order from its SETSID.
    private static func describe(_ reply: Reply, _ launch: ProcessLaunch) -> String {
        let operation: String
        switch reply.step {
        case 1: operation = "corral-supervisor: malformed request"
        case 2: operation = "fork a supervisor"
        case 3: operation = "pipe2"
        case 4: operation = "vfork"
        case 5: operation = "write the task's pids"
        case 6...:
            let step = corral_launch_step(UInt32(CORRAL_STEP_SETSID.rawValue) + UInt32(reply.step - 6))
            return launch.describe(step, index: reply.index, error: reply.error)
        default: operation = "launch step \(reply.step)"
        }
        return "\(operation): \(SystemFile.describe(reply.error))"
    }
}
