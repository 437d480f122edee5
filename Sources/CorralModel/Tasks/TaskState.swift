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

    /// The state's position in `allCases`, without hashing or comparing raw strings (a state
    /// with a String raw value hashes and compares by it): for counting many tasks by state.
    public var ordinal: Int {
        switch self {
        case .staging: 0
        case .starting: 1
        case .running: 2
        case .killing: 3
        case .finished: 4
        case .failed: 5
        case .killed: 6
        case .error: 7
        case .lost: 8
        case .dropped: 9
        case .unreachable: 10
        case .gone: 11
        case .goneByOperator: 12
        case .unknown: 13
        }
    }

    /// The name without the `TASK_` prefix, as people read it: `RUNNING`.
    public var shortName: String { String(rawValue.dropFirst(5)) }
}
