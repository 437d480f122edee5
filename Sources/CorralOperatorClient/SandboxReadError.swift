import CorralModel
import CorralSDKHTTP

/// Why a task's sandbox file could not be read over HTTP, in words a command line can print.
public enum SandboxReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The master, asked where the agent is, could not be reached.
    case masterUnreachable(MasterAddress, reason: String)
    /// The master answered `/master/slaves` with an error.
    case masterRefused(MasterAddress, status: Int, message: String)
    /// The master lists no such agent (it is gone, or not registered now).
    case agentNotListed(AgentID, master: MasterAddress)
    case agentUnreachable(AgentID, at: MasterAddress, reason: String)
    /// The agent answered with an error other than "no such file" (401, 403, 5xx).
    case agentRefused(AgentID, at: MasterAddress, status: Int, message: String)
    /// The agent asks for credentials (401), and the operator's went to the master only: it
    /// goes to agents with `--agent-credentials`.
    case agentCredentialWithheld(AgentID, at: MasterAddress)
    /// The agent has no such file: the task has not started yet, or its sandbox was removed.
    case noSuchFile(path: String, agentID: AgentID, at: MasterAddress)
    /// An answer that is not what the files API answers.
    case malformedAnswer(from: MasterAddress, problem: String)

    public var description: String {
        switch self {
        case .masterUnreachable(let master, let reason):
            "cannot reach the master at \(master) (\(reason))"
        case .masterRefused(let master, let status, let message):
            "the master at \(master) answered \(status) to /master/slaves: \(message)" + Self.credentialHint(status)
        case .agentNotListed(let agentID, let master):
            "the master at \(master) does not list agent \(agentID): it is gone or not registered now"
        case .agentUnreachable(let agentID, let address, let reason):
            "cannot reach agent \(agentID) at \(address) (\(reason))"
        case .agentRefused(let agentID, let address, let status, let message):
            "agent \(agentID) at \(address) answered \(status): \(message)" + Self.credentialHint(status)
        case .agentCredentialWithheld(let agentID, let address):
            "agent \(agentID) at \(address) asks for credentials (401); yours go to the master only, as an agent is read at the "
                + "address it gave the master: --agent-credentials presents them to every agent the master lists"
        case .noSuchFile(let path, let agentID, let address):
            "agent \(agentID) at \(address) has no file \(path): the task has not started yet, or its sandbox is gone"
        case .malformedAnswer(let address, let problem):
            "\(address) answered something that is not the files API's JSON: \(problem)"
        }
    }

    private static func credentialHint(_ status: Int) -> String {
        status == 401 ? " (give credentials: --principal and --secret-file)" : ""
    }
}
