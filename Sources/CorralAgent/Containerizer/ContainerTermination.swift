/// How a container's command ended: its status, and whether the memory limit was the reason.
public struct ContainerTermination: Sendable, Hashable {
    public var exit: ExitStatus
    /// The kernel's OOM killer killed a process of the container: `oom_kill` in the cgroup's
    /// memory.oom_control (v1) or memory.events (v2). Always false under posix isolation.
    public var oomKilled: Bool
    /// The limit in force, for the message.
    public var memoryLimitBytes: UInt64?
    /// Nobody saw the task end: its supervisor was killed before it could write the status
    /// (`exit` is then a guess).
    public var statusLost: Bool

    public init(exit: ExitStatus, oomKilled: Bool = false, memoryLimitBytes: UInt64? = nil, statusLost: Bool = false) {
        self.exit = exit
        self.oomKilled = oomKilled
        self.memoryLimitBytes = memoryLimitBytes
        self.statusLost = statusLost
    }

    /// A line for the task's status: "Command exited with status 3",
    /// "Command terminated by signal SIGKILL", "Memory limit exceeded: 32 MiB".
    public var message: String {
        if oomKilled {
            guard let limit = memoryLimitBytes else { return "Memory limit exceeded" }
            return "Memory limit exceeded: \(formatBytes(limit))"
        }
        if statusLost { return "The task's supervisor was killed before it could record how the task ended" }
        return "Command \(exit)"
    }
}

private func formatBytes(_ bytes: UInt64) -> String {
    let mebibyte: UInt64 = 1 << 20
    return bytes % mebibyte == 0 ? "\(bytes / mebibyte) MiB" : "\(bytes) bytes"
}
