import CLauncher
import Glibc

/// A process for CLauncher to start, in Swift terms: everything is converted to C before the
/// child exists, because the child may not allocate.
struct ProcessLaunch {
    var executable: String
    var argv: [String]
    /// "NAME=value" entries: the child's whole environment.
    var environment: [String]
    var directory: String
    var stdoutPath: String
    var stderrPath: String
    /// The files the child writes "0" into before exec to join its cgroups (`Isolator.cgroupJoinFiles`).
    var cgroupJoinFiles: [String]
    /// Who the child becomes after joining the cgroups; nil keeps this process's user.
    var user: TaskUser? = nil
}

struct LaunchedProcess {
    var pid: pid_t
    /// Owned by the caller.
    var pidfd: Int32
}

/// Why a launch failed, in the words of the step that failed: "chdir /x: No such file or directory".
struct LaunchProblem: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

extension ProcessLaunch {
    func start() throws(LaunchProblem) -> LaunchedProcess {
        var strings = CStringArena()
        defer { strings.release() }
        let cgroups = strings.array(cgroupJoinFiles)
        let groups = user?.groups ?? []
        return try groups.withUnsafeBufferPointer { (groupPointer) throws(LaunchProblem) -> LaunchedProcess in
        var spec = corral_launch_spec(
            executable: strings.copy(executable),
            argv: strings.array(argv),
            envp: strings.array(environment),
            directory: strings.copy(directory),
            stdout_path: strings.copy(stdoutPath),
            stderr_path: strings.copy(stderrPath),
            cgroup_join_files: UnsafePointer(OpaquePointer(cgroups)),
            cgroup_count: Int32(cgroupJoinFiles.count),
            uid: user.map { UInt32($0.uid) } ?? CORRAL_KEEP_USER,
            gid: user.map { UInt32($0.gid) } ?? 0,
            groups: groupPointer.baseAddress,
            group_count: Int32(groups.count)
        )
        var result = corral_launch_result()
        guard corral_launch(&spec, &result) == 0 else {
            throw LaunchProblem(describe(corral_launch_step(UInt32(result.step)), index: result.index, error: result.error))
        }
        return LaunchedProcess(pid: result.pid, pidfd: result.pidfd)
        }
    }

    /// "chdir /x: No such file or directory": a step of this launch that failed, in its terms
    /// (`index` names the cgroup file of CORRAL_STEP_CGROUP).
    func describe(_ step: corral_launch_step, index: Int32, error: Int32) -> String {
        let operation = switch step {
        case CORRAL_STEP_PIPE: "pipe2"
        case CORRAL_STEP_STACK: "mmap child stack"
        case CORRAL_STEP_CLONE: "clone"
        case CORRAL_STEP_PIDFD: "pidfd_open"
        case CORRAL_STEP_SETSID: "setsid"
        case CORRAL_STEP_CGROUP: "join cgroup \(cgroupJoinFiles.indices.contains(Int(index)) ? cgroupJoinFiles[Int(index)] : "#\(index)")"
        case CORRAL_STEP_CHDIR: "chdir \(directory)"
        case CORRAL_STEP_STDIN: "open /dev/null"
        case CORRAL_STEP_STDOUT: "open \(stdoutPath)"
        case CORRAL_STEP_STDERR: "open \(stderrPath)"
        case CORRAL_STEP_CLOSE_FDS: "close_range"
        case CORRAL_STEP_EXEC: "exec \(executable)"
        case CORRAL_STEP_GROUPS: "setgroups for user \(user?.name ?? "?")"
        case CORRAL_STEP_GID: "setgid \(user.map { "\($0.gid)" } ?? "?")"
        case CORRAL_STEP_UID: "setuid to user \(user?.name ?? "?")"
        default: "launch step \(step.rawValue)"
        }
        return "\(operation): \(SystemFile.describe(error))"
    }
}

/// C copies of Swift strings that live until `release`.
private struct CStringArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    mutating func copy(_ string: String) -> UnsafeMutablePointer<CChar> {
        let copy = strdup(string)!
        allocations.append(copy)
        return copy
    }

    /// A NULL-terminated array of copies, as argv and envp are.
    mutating func array(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        let raw = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (strings.count + 1))!
        allocations.append(raw)
        let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: strings.count + 1)
        for (index, string) in strings.enumerated() { array[index] = copy(string) }
        array[strings.count] = nil
        return array
    }

    func release() {
        for allocation in allocations { free(allocation) }
    }
}
