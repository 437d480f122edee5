import CorralModel

/// A master for agent tests: it registers the agent, records every status update, and
/// acknowledges each one, as a framework with implicit acknowledgements would.
public actor RecordingMaster: MasterLink {
    public private(set) var updates: [StatusUpdate] = []
    /// What the agent said it holds each time it registered.
    public private(set) var inventories: [AgentInventory] = []
    public private(set) var unregistered = false
    public private(set) var drained = false
    private var agent: (any AgentLink)?
    /// A framework that never acknowledges: updates stay owed.
    private let acknowledges: Bool

    public init(acknowledges: Bool = true) { self.acknowledges = acknowledges }

    public func register(_ info: AgentInfo, isolation: String, inventory: AgentInventory, link: any AgentLink) async throws -> AgentRegistration {
        agent = link
        inventories.append(inventory)
        return AgentRegistration(agentID: "agent-1") {
            while (try? await Task.sleep(for: .seconds(3600))) != nil {}
        }
    }

    public func statusUpdate(_ update: StatusUpdate, from agentID: AgentID) async {
        updates.append(update)
        if acknowledges, let uuid = update.status.uuid { agent?.send(.acknowledge(update.frameworkID, update.status.taskID, uuid: uuid)) }
    }

    public func usage(_ usage: AgentUsage) async {}
    public func draining(_ agentID: AgentID) async { drained = true }
    public func unregister(_ agentID: AgentID, reason: String) async { unregistered = true }

    public func statuses(of taskID: TaskID) -> [TaskStatus] { updates.map(\.status).filter { $0.taskID == taskID } }
}
