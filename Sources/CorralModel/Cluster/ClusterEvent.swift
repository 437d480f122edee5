/// Everything that happens in the cluster, in order: what the console, the operator API's
/// SUBSCRIBE stream and metrics all read. Pair it with a `ClusterSnapshot` for the state.
public enum ClusterEvent: Hashable, Sendable {
    case frameworkAdded(FrameworkSnapshot)
    case frameworkUpdated(FrameworkSnapshot)
    case frameworkRemoved(FrameworkID, name: String)
    case agentAdded(AgentSnapshot)
    case agentUpdated(AgentSnapshot)
    case agentRemoved(AgentID, reason: String)
    case offerMade(Offer)
    case offerAccepted(OfferID, frameworkID: FrameworkID, agentID: AgentID)
    case offerDeclined(OfferID, frameworkID: FrameworkID, agentID: AgentID)
    case offerRescinded(OfferID, frameworkID: FrameworkID, agentID: AgentID, reason: String)
    case taskAdded(TaskRecord)
    case taskUpdated(TaskKey, status: TaskStatus)
    case usageSampled(AgentUsage)
}
