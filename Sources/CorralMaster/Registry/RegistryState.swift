import CorralAllocator
import CorralModel

/// What the master keeps across its own restarts, as Mesos's registry does: the cluster's
/// identity, the agents it admitted, those it found unreachable or an operator marked gone
/// (with when), and the operator's weights and quotas. Frameworks, tasks and offers are not
/// here: agents and frameworks bring those back when they return.
public struct RegistryState: Hashable, Sendable {
    /// Chosen when the registry is first created; kept for the cluster's whole life.
    public var clusterID: String
    public var admitted: [AgentID: AgentInfo] = [:]
    public var unreachable: [AgentID: Time] = [:]
    public var gone: [AgentID: Time] = [:]
    /// The principal each agent authenticated as when it was admitted: only that principal
    /// may register under the agent's ID again.
    public var principals: [AgentID: String] = [:]
    public var weights: [String: Double] = [:]
    public var quotas: [String: RoleQuota] = [:]

    public init(clusterID: String) {
        self.clusterID = clusterID
    }

    /// Carries out one change; both stores apply changes this way, so they cannot disagree.
    public mutating func apply(_ change: RegistryChange) {
        switch change {
        case .admit(let info, _):
            guard let id = info.id else { return }
            admitted[id] = info
            unreachable[id] = nil
        case .markUnreachable(let ids, let time):
            for id in ids {
                admitted[id] = nil
                unreachable[id] = time
            }
        case .markGone(let id, let time):
            admitted[id] = nil
            unreachable[id] = nil
            gone[id] = time
            principals[id] = nil
        case .remove(let id):
            admitted[id] = nil
            principals[id] = nil
        case .prune(let unreachableIDs, let goneIDs):
            for id in unreachableIDs {
                unreachable[id] = nil
                principals[id] = nil
            }
            for id in goneIDs { gone[id] = nil }
        case .bindPrincipal(let id, let principal):
            principals[id] = principal
        case .setWeight(let role, let weight):
            weights[role] = weight == 1 ? nil : weight
        case .setQuota(let role, let quota):
            quotas[role] = quota
        }
    }

    /// The unreachable and gone agents to forget: those older than `maxAge` seconds, then the
    /// oldest of each list beyond `maxCount` (Mesos's `--registry_max_agent_age` and
    /// `--registry_max_agent_count`).
    public func pruning(now: Time, maxAge: Double, maxCount: Int) -> RegistryChange? {
        func expired(_ list: [AgentID: Time]) -> [AgentID] {
            let byAge = list.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
            let old = byAge.filter { now - $0.value > maxAge }.map(\.key)
            let excess = max(0, byAge.count - old.count - maxCount)
            return old + byAge.dropFirst(old.count).prefix(excess).map(\.key)
        }
        let unreachableIDs = expired(unreachable)
        let goneIDs = expired(gone)
        guard !unreachableIDs.isEmpty || !goneIDs.isEmpty else { return nil }
        return .prune(unreachable: unreachableIDs, gone: goneIDs)
    }
}

/// One change to the registry. The master core asks for it (`MasterAction.persist`) before the
/// actions that depend on it, and the actor makes it durable before it carries those out.
public enum RegistryChange: Hashable, Sendable {
    /// A new agent, one that came back from unreachable, or one whose info changed.
    case admit(AgentInfo, at: Time)
    case markUnreachable([AgentID], at: Time)
    /// An operator said the agent will not come back (MARK_AGENT_GONE).
    case markGone(AgentID, at: Time)
    /// The agent left in good order (drained and unregistered).
    case remove(AgentID)
    case prune(unreachable: [AgentID], gone: [AgentID])
    /// The agent authenticated as `principal`: its ID is that principal's from now on.
    case bindPrincipal(AgentID, principal: String)
    case setWeight(role: String, weight: Double)
    case setQuota(role: String, quota: RoleQuota?)
}
