/// How the master reaches one agent. `send` must not block or suspend: the master performs its
/// actions in order without yielding, so a link only enqueues (in process: onto the agent's
/// inbox; over HTTP: onto a connection's queue).
public protocol AgentLink: Sendable {
    func send(_ message: AgentMessage)
    /// Ends the link from the master's side: the agent sees its connection end and registers
    /// again with what it holds.
    func close()
}

extension AgentLink {
    /// A link that cannot end (an agent in the master's own process).
    public func close() {}
}

/// How an agent reaches its master (in process: the master actor; over HTTP: the master's
/// agent endpoints).
public protocol MasterLink: Sendable {
    /// Registers the agent (or re-registers it, when `info.id` is set, with what it still
    /// holds). Messages for the agent arrive through `link` until the registration's connection
    /// ends; the agent then registers again. Throws `AgentRefused` when the master will not have
    /// the agent (it was marked gone): the agent must not try again.
    func register(_ info: AgentInfo, isolation: String, inventory: AgentInventory, link: any AgentLink) async throws -> AgentRegistration
    func statusUpdate(_ update: StatusUpdate, from agentID: AgentID) async
    func usage(_ usage: AgentUsage) async
    /// The agent has begun to drain: no more offers of it. Advisory (a lost one only costs
    /// launches the draining agent refuses).
    func draining(_ agentID: AgentID) async
    /// The agent is shutting down: its tasks are gone.
    func unregister(_ agentID: AgentID, reason: String) async
    /// Whether the master is in this process: a call is then a hop to its actor that never
    /// waits on a network, and the agent makes it from its own turn rather than through its
    /// outbox (a task that would be one more thread to wake for every status update).
    var isInProcess: Bool { get }
}

extension MasterLink {
    public var isInProcess: Bool { false }
}

/// A successful registration: the agent's ID, and a wait that returns when the connection it
/// was made on is lost (never, for a master in the same process).
public struct AgentRegistration: Sendable {
    public var agentID: AgentID
    public var connectionLost: @Sendable () async -> Void

    public init(agentID: AgentID, connectionLost: @escaping @Sendable () async -> Void) {
        self.agentID = agentID
        self.connectionLost = connectionLost
    }
}

/// The master will not have this agent: an operator marked it gone. Registering again is
/// pointless; the agent kills its tasks and stops.
public struct AgentRefused: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "the master refused the agent: \(reason)" }
}
