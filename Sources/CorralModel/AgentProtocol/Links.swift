/// How the master reaches one agent. `send` must not block or suspend: the master performs its
/// actions in order without yielding, so a link only enqueues (in process: onto the agent's
/// inbox; over HTTP: onto a connection's queue).
public protocol AgentLink: Sendable {
    func send(_ message: AgentMessage)
}

/// How an agent reaches its master (in process: the master actor; over HTTP: the master's
/// agent endpoints).
public protocol MasterLink: Sendable {
    /// Registers the agent (or re-registers it, when `info.id` is set) and returns its ID.
    func register(_ info: AgentInfo, isolation: String, runningTasks: [TaskRecord], link: any AgentLink) async throws -> AgentID
    func statusUpdate(_ update: StatusUpdate, from agentID: AgentID) async
    func usage(_ usage: AgentUsage) async
    /// The agent is shutting down: its tasks are gone.
    func unregister(_ agentID: AgentID, reason: String) async
}
