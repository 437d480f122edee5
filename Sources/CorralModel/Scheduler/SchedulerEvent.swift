/// An event from the master to a framework: Mesos v1 `scheduler::Event`.
public enum SchedulerEvent: Hashable, Sendable {
    case subscribed(frameworkID: FrameworkID, heartbeatIntervalSeconds: Double, masterInfo: MasterInfo?)
    case offers([Offer])
    case rescind(OfferID)
    case update(TaskStatus)
    case message(agentID: AgentID, executorID: ExecutorID, data: [UInt8])
    case failure(agentID: AgentID?, executorID: ExecutorID?, status: Int32?)
    case error(String)
    case heartbeat

    public var typeName: String {
        switch self {
        case .subscribed: "SUBSCRIBED"
        case .offers: "OFFERS"
        case .rescind: "RESCIND"
        case .update: "UPDATE"
        case .message: "MESSAGE"
        case .failure: "FAILURE"
        case .error: "ERROR"
        case .heartbeat: "HEARTBEAT"
        }
    }
}
