import CorralMaster
import CorralModel

/// A process of the simulated cluster.
enum NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    case master
    case agent(Int)
    case framework(Int)

    var description: String {
        switch self {
        case .master: "master"
        case .agent(let index): "agent-\(index)"
        case .framework(let index): "framework-\(index)"
        }
    }
}

/// What crosses the simulated network: the agent protocol and Mesos's scheduler API, as values.
enum SimMessage: Sendable {
    /// Opens the envelope's connection: an agent (re-)registers with what it holds.
    case registerAgent(AgentInfo, AgentInventory)
    case agentStatus(AgentID, StatusUpdate)
    case agentPing(AgentID)
    case agentRegistered(AgentID)
    case agentRefused(String)
    case toAgent(AgentMessage)
    /// Opens the envelope's connection: a framework subscribes.
    case subscribe(FrameworkInfo)
    case call(FrameworkID, SchedulerCall)
    case event(SchedulerEvent)

    /// One line for the trace.
    var summary: String {
        switch self {
        case .registerAgent(let info, let inventory): "REGISTER \(info.id?.value ?? "(new)") with \(inventory.tasks.count) task(s)"
        case .agentStatus(_, let update): "STATUS \(update.status.taskID) \(update.status.state.rawValue)"
        case .agentPing: "PING"
        case .agentRegistered(let id): "REGISTERED \(id)"
        case .agentRefused(let reason): "REFUSED \(reason)"
        case .toAgent(let message): Self.describe(message)
        case .subscribe(let info): "SUBSCRIBE \(info.name) \(info.id?.value ?? "(new)")"
        case .call(_, let call): Self.describe(call)
        case .event(let event): Self.describe(event)
        }
    }

    private static func describe(_ message: AgentMessage) -> String {
        switch message {
        case .launch(let request): "LAUNCH \(request.tasks.map(\.taskID.value).joined(separator: ","))"
        case .kill(_, let taskID, _): "KILL \(taskID)"
        case .acknowledge(_, let taskID, _): "ACK \(taskID)"
        case .shutdownFramework(let id): "SHUTDOWN_FRAMEWORK \(id)"
        case .shutdown(let reason): "SHUTDOWN \(reason)"
        }
    }

    private static func describe(_ call: SchedulerCall) -> String {
        switch call {
        case .accept(let offers, let operations, _):
            "ACCEPT \(offers.map(\.value).joined(separator: ",")) launching \(operations.flatMap(\.launchedTasks).map(\.taskID.value).joined(separator: ","))"
        case .decline(let offers, let filters): "DECLINE \(offers.map(\.value).joined(separator: ",")) for \(filters.refuseSeconds) s"
        case .kill(let taskID, _, _): "KILL \(taskID)"
        case .acknowledge(_, let taskID, _): "ACKNOWLEDGE \(taskID)"
        case .reconcile(let tasks): "RECONCILE \(tasks.isEmpty ? "(implicit)" : tasks.map(\.taskID.value).joined(separator: ","))"
        default: call.typeName
        }
    }

    private static func describe(_ event: SchedulerEvent) -> String {
        switch event {
        case .subscribed(let id, _, _): "SUBSCRIBED \(id)"
        case .offers(let offers): "OFFERS " + offers.map { "\($0.id)@\($0.agentID)" }.joined(separator: ",")
        case .rescind(let id): "RESCIND \(id)"
        case .update(let status): "UPDATE \(status.taskID) \(status.state.rawValue)\(status.uuid == nil ? "" : " (reliable)")"
        case .error(let message): "ERROR \(message)"
        default: event.typeName
        }
    }
}

/// A message on its way: requests stand alone (a lost one is just lost); stream messages
/// travel on a connection, in order, and are lost with it.
struct Envelope: Sendable {
    var from: NodeID
    var to: NodeID
    var connection: ConnectionID?
    var onStream: Bool
    var message: SimMessage
}
