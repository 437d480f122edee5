import CorralModel
import CorralSDKHTTP
import Synchronization

/// Where each agent serves its files, and which sandbox layout it turned out to have: learned
/// once, from the master's `/master/slaves` and the agent's first answer, rather than asked
/// again on every read (a followed task is read several times a second). Shared by the copies
/// of one reader.
final class AgentAddressBook: Sendable {
    struct Entry: Sendable {
        var address: MasterAddress
        var layout: SandboxLayout?
    }

    private let entries = Mutex<[AgentID: Entry]>([:])

    func entry(_ agentID: AgentID) -> Entry? { entries.withLock { $0[agentID] } }

    /// What the master lists now; layouts already learned stay with agents at the same address.
    func learn(_ addresses: [AgentID: MasterAddress]) {
        entries.withLock { entries in
            for (agentID, address) in addresses {
                let layout = entries[agentID].flatMap { $0.address == address ? $0.layout : nil }
                entries[agentID] = Entry(address: address, layout: layout)
            }
        }
    }

    func remember(_ layout: SandboxLayout, of agentID: AgentID) {
        entries.withLock { $0[agentID]?.layout = layout }
    }

    /// The agent did not answer where it was: it may have come back elsewhere.
    func forget(_ agentID: AgentID) {
        _ = entries.withLock { $0.removeValue(forKey: agentID) }
    }
}
