/// What to run for a task, where, and within which limits.
public struct ContainerSpec: Sendable {
    /// Names the container's cgroup, so it must be a single path component.
    public var containerID: String
    public var command: ContainerCommand
    /// The child's complete environment: nothing of the agent's is inherited.
    public var environment: [String: String]
    /// The working directory, created if missing; the task's `stdout` and `stderr` files go here.
    public var sandbox: String
    /// CPU shares and CFS quota under cgroups; ignored by posix isolation.
    public var cpus: Double?
    /// Hard memory limit under cgroups; ignored by posix isolation.
    public var memoryBytes: UInt64?
    /// Who the task runs as; nil keeps the agent's user. The sandbox is made theirs.
    public var user: TaskUser?

    public init(
        containerID: String,
        command: ContainerCommand,
        environment: [String: String] = [:],
        sandbox: String,
        cpus: Double? = nil,
        memoryBytes: UInt64? = nil,
        user: TaskUser? = nil
    ) {
        self.user = user
        self.containerID = containerID
        self.command = command
        self.environment = environment
        self.sandbox = sandbox
        self.cpus = cpus
        self.memoryBytes = memoryBytes
    }
}

extension ContainerSpec {
    /// Throws unless `id` can name a directory: not empty, not "." or "..", no "/" or NUL.
    /// Containerizer names are held to the same rule, as they name the parent cgroup.
    static func validate(containerID id: String) throws(ContainerizerError) {
        let reason: String? =
            if id.isEmpty { "it is empty" }
            else if id == "." || id == ".." { "it is a relative path component" }
            else if id.contains("/") { "it contains '/'" }
            else if id.contains("\0") { "it contains NUL" }
            else if id.utf8.count > 255 { "it is longer than 255 bytes" }
            else { nil }
        if let reason { throw .invalidContainerID(id, reason: reason) }
    }
}
