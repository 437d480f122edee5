/// What went wrong in the containerizer, each with a message that names the path or step.
public enum ContainerizerError: Error, Sendable, Hashable {
    case invalidContainerID(String, reason: String)
    case duplicateContainer(String)
    case unknownContainer(String)
    /// `cgroups` was requested but neither v2 nor v1 can be used here.
    case isolationUnavailable(String)
    /// Setting up a cgroup failed: the path and what the kernel said.
    case cgroup(String)
    /// The task's process could not be started: "chdir /x: No such file or directory".
    case launchFailed(containerID: String, String)
    /// Processes of a container would not die.
    case destroyFailed(String)
    /// The containerizer was destroyed with `destroyAll`.
    case shutDown
    /// `corral-supervisor`, the parent of every task, cannot be found or run.
    case supervisorMissing(String)
}

extension ContainerizerError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidContainerID(let id, let reason): "Invalid container ID '\(id)': \(reason)"
        case .duplicateContainer(let id): "Container '\(id)' already exists"
        case .unknownContainer(let id): "Unknown container '\(id)'"
        case .isolationUnavailable(let reason): "cgroups isolation is unavailable: \(reason)"
        case .cgroup(let message): "cgroup: \(message)"
        case .launchFailed(let id, let message): "Failed to launch container '\(id)': \(message)"
        case .destroyFailed(let message): "Destroying failed: \(message)"
        case .shutDown: "The containerizer has been shut down"
        case .supervisorMissing(let problem): "Cannot run task supervisors: \(problem)"
        }
    }
}

extension ContainerizerError {
    /// The message without its category, for composing reasons such as why cgroups were not used.
    var detail: String {
        if case .cgroup(let message) = self { return message }
        return description
    }
}
