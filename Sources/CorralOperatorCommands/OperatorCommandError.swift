import CorralModel
import Foundation
import CorralOperatorClient
import CorralSDKHTTP

/// Why a `corral task|agent|framework` command failed: a message for its user and the exit
/// status for scripts (`OperatorExitStatus`). Text from the server is made safe to print.
public enum OperatorCommandError: Error, Hashable, Sendable, CustomStringConvertible {
    case masterUnreachable(MasterAddress, reason: String)
    case masterRefused(MasterAddress, status: Int, message: String)
    case malformedAnswer(MasterAddress, problem: String)
    case noSuchTask(String, framework: String?, master: MasterAddress)
    case ambiguousTask(String, candidates: [TaskLine])
    /// The master has no operator kill (Apache Mesos's, or an older Corral's).
    case cannotKill(MasterAddress, answer: String)
    case sandbox(SandboxReadError)
    /// The kill was sent, and the task had not ended when the wait was over.
    case killTimedOut(TaskKey, seconds: Double, state: TaskState?)

    public var exitStatus: OperatorExitStatus {
        switch self {
        case .masterUnreachable: .masterUnreachable
        case .noSuchTask: .noSuchTask
        case .ambiguousTask: .ambiguousTask
        case .cannotKill: .cannotKill
        case .sandbox(.masterUnreachable): .masterUnreachable
        case .masterRefused, .malformedAnswer, .sandbox, .killTimedOut: .failure
        }
    }

    public var description: String {
        guard case .ambiguousTask(let query, let candidates) = self else { return TerminalText.safe(text) }
        let list = candidates.map { line in
            let framework = line.frameworkName.map { "\($0), " } ?? ""
            return TerminalText.safe("  \(line.task.id) (framework \(framework)\(line.task.frameworkID), \(line.task.state.rawValue))")
        }
        return TerminalText.safe("'\(query)' matches \(candidates.count) tasks; give more of the ID, or --framework:") + "\n" + list.joined(separator: "\n")
    }

    private var text: String {
        switch self {
        case .masterUnreachable(let master, let reason):
            return "cannot reach the master at \(master) (\(reason)); is it running? (--master HOST:PORT)"
        case .masterRefused(let master, let status, let message):
            let hint = status == 401 ? " (give credentials: --principal and --secret-file)" : ""
            return "the master at \(master) answered \(status): \(message.trimmed)\(hint)"
        case .malformedAnswer(let master, let problem):
            return "the master at \(master) answered what is not Mesos's operator API: \(problem)"
        case .noSuchTask(let query, let framework, let master):
            return "no task '\(query)'\(framework.map { " in framework '\($0)'" } ?? "") on the master at \(master) (corral task list --all lists them)"
        case .ambiguousTask:
            return ""  // its lines are made safe one by one, in `description`
        case .cannotKill(let master, let answer):
            return "the master at \(master) cannot kill tasks for an operator (Apache Mesos's operator API has no such call; "
                + "kill it through its framework, e.g. Marathon's DELETE /v2/apps/APP/tasks/TASK). It answered: \(answer.trimmed)"
        case .sandbox(let problem):
            return "\(problem)"
        case .killTimedOut(let key, let seconds, let state):
            return "asked the master to kill task \(key.taskID), but it had not ended after \(formatScalar(seconds)) s"
                + (state.map { " (last seen \($0.rawValue))" } ?? "")
        }
    }
}

extension String {
    /// A server's message as one trimmed line of at most 300 characters: an error page from a
    /// proxy must not fill the screen.
    fileprivate var trimmed: String {
        let line = trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 300 ? line.prefix(300) + "…" : line
    }
}
