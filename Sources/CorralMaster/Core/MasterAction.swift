import CorralModel

/// What the master core asks the world to do; the actor around it performs these in order.
public enum MasterAction: Hashable, Sendable {
    /// Make this registry change durable before carrying out any action after it.
    case persist(RegistryChange)
    /// Pair a framework's connection with the ID the master gave it.
    case bindFramework(ConnectionID, FrameworkID)
    /// Close a framework's event stream (teardown, or a newer connection replaced it).
    case closeConnection(ConnectionID)
    case send(FrameworkID, SchedulerEvent)
    /// The subscription on this connection is refused: it hears ERROR with the reason, and
    /// its stream closes.
    case refuseSubscription(ConnectionID, reason: String)
    case bindAgent(ConnectionID, AgentID)
    /// Close an agent's link: the master marked it unreachable, and an agent that is still
    /// there must register again (with what it holds) to be taken back.
    case disconnectAgent(ConnectionID)
    /// The agent registering on this connection may not (it was marked gone).
    case refuseAgent(ConnectionID, reason: String)
    /// Tell a registered agent to kill its tasks and stop (it was marked gone).
    case shutdownAgent(AgentID, reason: String)
    case launch(AgentID, LaunchRequest)
    case kill(AgentID, FrameworkID, TaskID, KillPolicy?)
    case acknowledge(AgentID, FrameworkID, TaskID, uuid: [UInt8])
    case shutdownFramework(AgentID, FrameworkID)
    case publish(ClusterEvent)
    /// Run `.allocate` soon; the core asks once until the pass runs (coalescing).
    case scheduleAllocation
}
