import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// Corral's agent protocol (docs/agent-protocol.md): REGISTER says whether the agent drains, and
/// an agent that does not say it is not draining.
@Suite struct AgentWireJSONTests {
    @Test func aDrainingRegistrationSaysSoAndReadsBack() throws {
        let info = AgentInfo(hostname: "a", resources: try Resources(parsing: "cpus:1"))
        let message = AgentCallMessage(agentID: "S1", call: .register(info, isolation: "posix", inventory: AgentInventory(draining: true)))
        let text = String(decoding: MesosJSON.encode(message), as: UTF8.self)
        #expect(text.contains(#""draining":true"#))
        #expect(try MesosJSON.decode(AgentCallMessage.self, from: Array(text.utf8)) == message)
    }

    @Test func aRegistrationWithoutTheFieldIsNotDraining() throws {
        let text = #"{"type":"REGISTER","register":{"agent_info":{"hostname":"a","resources":[]},"isolation":"posix"}}"#
        let message = try MesosJSON.decode(AgentCallMessage.self, from: Array(text.utf8))
        guard case .register(_, _, let inventory) = message.call else {
            Issue.record("not a registration: \(message)")
            return
        }
        #expect(!inventory.draining)
        let wrong = #"{"type":"REGISTER","register":{"agent_info":{"hostname":"a","resources":[]},"draining":"yes"}}"#
        #expect(throws: MesosJSONError.self) { try MesosJSON.decode(AgentCallMessage.self, from: Array(wrong.utf8)) }
    }
}
