import CorralMaster
import CorralModel

/// An agent's link to a master in the same process.
struct InProcessMasterLink: MasterLink {
    let master: Master

    var isInProcess: Bool { true }

    func register(_ info: AgentInfo, isolation: String, inventory: AgentInventory, link: any AgentLink) async throws -> AgentRegistration {
        let registered = try await master.registerAgent(info, isolation: isolation, inventory: inventory, link: link)
        // In one process the connection never drops; the wait ends only when cancelled.
        return AgentRegistration(agentID: registered.agentID) {
            while (try? await Task.sleep(for: .seconds(3600))) != nil {}
        }
    }

    func statusUpdate(_ update: StatusUpdate, from agentID: AgentID) async {
        await master.statusUpdate(update, from: agentID)
    }

    func usage(_ usage: AgentUsage) async {
        await master.usage(usage)
    }

    func draining(_ agentID: AgentID) async {
        await master.agentDraining(agentID)
    }

    func unregister(_ agentID: AgentID, reason: String) async {
        await master.agentUnregistered(agentID, reason: reason)
    }
}
