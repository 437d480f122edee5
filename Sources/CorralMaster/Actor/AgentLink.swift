import CorralModel

/// How the master reaches one agent. `send` must not block or suspend: the master performs its
/// actions in order without yielding, so a link only enqueues (in process: onto the agent's
/// inbox; over HTTP: onto a connection's queue).
public protocol AgentLink: Sendable {
    func send(_ message: AgentMessage)
}
