import CorralModel

/// What the core asks its framework to do on the cluster.
public enum JobsAction: Hashable, Sendable {
    case launch(OfferID, [TaskInfo])
    case decline([OfferID], refuseSeconds: Double)
    case kill(TaskID, AgentID?)
}
