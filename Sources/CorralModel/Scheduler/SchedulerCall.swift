/// A call from a framework to the master: Mesos v1 `scheduler::Call` without its framework id,
/// which travels beside it (`SchedulerCall` is what a subscribed framework says).
public enum SchedulerCall: Hashable, Sendable {
    case teardown
    case accept(offerIDs: [OfferID], operations: [Operation], filters: Filters)
    case decline(offerIDs: [OfferID], filters: Filters)
    /// Empty roles mean all of the framework's roles.
    case revive(roles: [String])
    case suppress(roles: [String])
    case kill(taskID: TaskID, agentID: AgentID?, killPolicy: KillPolicy?)
    case shutdown(executorID: ExecutorID, agentID: AgentID)
    case acknowledge(agentID: AgentID, taskID: TaskID, uuid: [UInt8])
    /// Empty means implicit reconciliation: the latest state of every task of the framework.
    case reconcile([ReconcileTask])
    case message(agentID: AgentID, executorID: ExecutorID, data: [UInt8])
    case request([Resources])

    public var typeName: String {
        switch self {
        case .teardown: "TEARDOWN"
        case .accept: "ACCEPT"
        case .decline: "DECLINE"
        case .revive: "REVIVE"
        case .suppress: "SUPPRESS"
        case .kill: "KILL"
        case .shutdown: "SHUTDOWN"
        case .acknowledge: "ACKNOWLEDGE"
        case .reconcile: "RECONCILE"
        case .message: "MESSAGE"
        case .request: "REQUEST"
        }
    }
}

public struct ReconcileTask: Hashable, Sendable {
    public var taskID: TaskID
    public var agentID: AgentID?

    public init(taskID: TaskID, agentID: AgentID? = nil) {
        self.taskID = taskID
        self.agentID = agentID
    }
}
