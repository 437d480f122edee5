/// Mesos's task states. STAGING → STARTING → RUNNING → a terminal state; KILLING sits between
/// RUNNING and KILLED for frameworks that declare the TASK_KILLING_STATE capability.
public enum TaskState: String, Hashable, Sendable, CaseIterable {
    case staging = "TASK_STAGING"
    case starting = "TASK_STARTING"
    case running = "TASK_RUNNING"
    case killing = "TASK_KILLING"
    case finished = "TASK_FINISHED"
    case failed = "TASK_FAILED"
    case killed = "TASK_KILLED"
    case error = "TASK_ERROR"
    case lost = "TASK_LOST"
    case dropped = "TASK_DROPPED"
    case unreachable = "TASK_UNREACHABLE"
    case gone = "TASK_GONE"
    case goneByOperator = "TASK_GONE_BY_OPERATOR"
    case unknown = "TASK_UNKNOWN"

    /// Terminal states free the task's resources; no update follows them.
    public var isTerminal: Bool {
        switch self {
        case .finished, .failed, .killed, .error, .lost, .dropped, .gone, .goneByOperator: true
        case .staging, .starting, .running, .killing, .unreachable, .unknown: false
        }
    }

    /// The name without the `TASK_` prefix, as people read it: `RUNNING`.
    public var shortName: String { String(rawValue.dropFirst(5)) }
}
