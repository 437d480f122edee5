import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// What the registry adds to the master's views: recovered agents as Mesos lists them, and the
/// unreachable and gone agents Corral lists besides, read back by the remote console.
@Suite struct RegistryViewsTests {
    var snapshot: ClusterSnapshot {
        var snapshot = OperatorFixtures.small
        snapshot.clusterID = "cluster-9"
        snapshot.recoveredAgents = [AgentInfo(id: "S9", hostname: "node-9", port: 5052, resources: Resources([.scalar("cpus", 2)]))]
        snapshot.unreachableAgents = [AgentAbsence(agentID: "S7", since: Time(seconds: 1_700_000_100))]
        snapshot.goneAgents = [AgentAbsence(agentID: "S8", since: Time(seconds: 1_700_000_200))]
        return snapshot
    }

    @Test func legacyStateListsRecoveredAndCountsUnreachableAgents() {
        let text = LegacyJSON.state(snapshot, master: OperatorFixtures.master).text
        #expect(text.contains(#""unreachable_slaves":1.0"#))
        #expect(text.contains(#""cluster_id":"cluster-9""#))
        #expect(text.contains(#""recovered_slaves":[{"id":"S9","hostname":"node-9","port":5052,"attributes":{},"resources":{"cpus":2.0,"gpus":0.0,"mem":0.0,"disk":0.0}}]"#))
        #expect(text.contains(#""unreachable_agents":[{"id":"S7","time":1700000100.0}],"gone_agents":[{"id":"S8","time":1700000200.0}]"#))
        let one = LegacyJSON.slaves(snapshot, master: OperatorFixtures.master, agentID: "S8").text
        #expect(one == #"{"slaves":[],"recovered_slaves":[],"gone_agents":[{"id":"S8","time":1700000200.0}]}"#)
    }

    @Test func getAgentsListsEveryKindAndTheConsoleReadsThemBack() throws {
        let json = try #require(OperatorJSON.response(to: .getState, snapshot: snapshot, master: OperatorFixtures.master))
        let text = json.text
        #expect(text.contains(#""recovered_agents":[{"id":{"value":"S9"},"hostname":"node-9","port":5052"#))
        #expect(text.contains(#""unreachable_agents":[{"agent_id":{"value":"S7"},"time":{"nanoseconds":1700000100000000000}}]"#))
        let read = try ClusterSnapshot(operatorState: try MesosJSON.decode(MesosJSONValue.self, from: json), time: snapshot.time, masterInfo: snapshot.masterInfo)
        #expect(read.recoveredAgents.map(\.id) == ["S9"])
        #expect(read.unreachableAgents == snapshot.unreachableAgents)
        #expect(read.goneAgents == snapshot.goneAgents)
    }
}
