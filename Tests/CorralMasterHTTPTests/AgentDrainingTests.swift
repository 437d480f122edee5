import CorralHTTPTesting
import CorralModel
import Testing

/// An agent that drains says so over the agent protocol (DRAINING): the master offers it no more.
@Suite(.timeLimit(.minutes(1))) struct AgentDrainingTests {
    @Test func drainingOverHTTPMakesTheAgentInactive() async throws {
        try await HTTPTestCluster.run { cluster, master in
            let agent = try #require(await cluster.master.snapshot(ordered: true).agents.first)
            #expect(agent.active)
            let answer = try await RawHTTP(master: master).post("/corral/v1/agent", json: #"{"type":"DRAINING","agent_id":{"value":"\#(agent.id)"}}"#)
            #expect(answer.status == 202)
            #expect(await cluster.master.snapshot(ordered: true).agents.first?.active == false)
        }
    }
}
