/// How `corral task|agent|framework` commands end, for scripts: each failure has its status.
public enum OperatorExitStatus: Int32, CaseIterable, Sendable {
    case success = 0
    case failure = 1
    case masterUnreachable = 2
    case noSuchTask = 3
    case ambiguousTask = 4
    case cannotKill = 5

    public var meaning: String {
        switch self {
        case .success: "done"
        case .failure: "the master or an agent refused or failed; a kill not done in time"
        case .masterUnreachable: "the master could not be reached"
        case .noSuchTask: "no task has that ID or starts with it"
        case .ambiguousTask: "several tasks start with it (they are listed on stderr)"
        case .cannotKill: "the master cannot kill tasks for an operator (Apache Mesos)"
        }
    }

    /// The statuses as `--help` lists them, with the usage error ArgumentParser ends with.
    public static var helpText: String {
        let lines = allCases.map { "  \($0.rawValue)  \($0.meaning)" } + ["  64 bad options or arguments"]
        return "Exit status:\n" + lines.joined(separator: "\n")
    }
}
