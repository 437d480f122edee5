import CorralAgent
import CorralModel

/// A machine's processes outside the agent: each task's container under its supervisor, which
/// outlives the agent and records how the task ended.
struct SimHost {
    struct Container {
        var key: TaskKey
        var ended: ContainerTermination?
        var destroyed = false
    }

    var containers: [String: Container] = [:]

    func recovered(_ containerID: String) -> AgentCore.RecoveredContainer {
        guard let container = containers[containerID] else { return .neverStarted }
        return container.ended.map { .ended($0) } ?? .running
    }
}

/// What a simulated task does, read from its command: `sleep N` ends with status 0 after N
/// seconds; anything else runs until it is killed.
enum SimWorkload {
    static func duration(of task: TaskInfo) -> Double? {
        guard let command = task.command?.value, command.hasPrefix("sleep ") else { return nil }
        return Double(command.dropFirst("sleep ".count))
    }
}
