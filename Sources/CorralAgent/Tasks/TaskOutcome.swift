import CorralModel

/// The status that reports how a task's container ended.
struct TaskOutcome: Equatable {
    var state: TaskState
    var reason: TaskStatus.Reason?
    var message: String

    init(state: TaskState, reason: TaskStatus.Reason?, message: String) {
        self.state = state
        self.reason = reason
        self.message = message
    }

    init(_ termination: ContainerTermination, killRequested: Bool) {
        message = termination.message
        if termination.oomKilled {
            state = .failed
            reason = .containerLimitationMemory
        } else if termination.statusLost {
            state = .failed
            reason = .executorTerminated
        } else if killRequested {
            state = .killed
            reason = nil
        } else if case .exited(0) = termination.exit {
            state = .finished
            reason = nil
        } else {
            state = .failed
            reason = .commandExecutorFailed
        }
    }
}
