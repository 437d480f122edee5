import CorralAllocator
import CorralModel

/// An opaque handle for a connection (a framework's event stream, an agent's link); the actor
/// around the core mints them, the core only pairs them with IDs.
public struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    public var value: UInt64
    public init(_ value: UInt64) { self.value = value }
    public var description: String { "#\(value)" }
}

/// Everything the master reacts to.
public enum MasterEvent: Sendable {
    /// A framework subscribes (or re-subscribes, with `info.id` set) over `connection`.
    case subscribe(FrameworkInfo, suppressedRoles: [String], connection: ConnectionID)
    case call(FrameworkID, SchedulerCall)
    /// The framework's event stream went away.
    case frameworkDisconnected(FrameworkID, connection: ConnectionID)
    /// An agent registers; `id` set means it re-registers with what it still holds. `principal`
    /// is the one it authenticated as (nil when agents are not authenticated).
    case registerAgent(AgentInfo, isolation: String?, inventory: AgentInventory, connection: ConnectionID, principal: String? = nil)
    /// The agent left in good order (it drained and unregistered): it is forgotten.
    case agentUnregistered(AgentID, reason: String)
    /// The agent drains (SIGUSR1): no more offers of it; it unregisters once its tasks ended.
    case agentDraining(AgentID)
    /// An operator says the agent will not come back (MARK_AGENT_GONE).
    case markAgentGone(AgentID)
    /// The agent is alive (any message from it counts; this is the one with nothing else to say).
    case agentPing(AgentID)
    /// The agent's connection dropped. It gets no offers until it re-registers, and becomes
    /// unreachable if it stays silent for the agent timeout.
    case agentDisconnected(AgentID, connection: ConnectionID)
    case statusUpdate(AgentID, StatusUpdate)
    case usage(AgentUsage)
    /// The coalesced allocation pass that follows events that free or add resources.
    case allocate
    /// The clock ticked: periodic allocation, offer timeouts, failover timeouts.
    case tick
    case setWeight(role: String, weight: Double)
    /// A role's quota (nil removes it).
    case setQuota(role: String, quota: RoleQuota?)
}
