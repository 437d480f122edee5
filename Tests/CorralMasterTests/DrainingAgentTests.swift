import CorralModel
import Testing

@testable import CorralMaster

/// An agent that drains (SIGUSR1) says so first: the master offers it no more and takes back
/// what it had offered, so nothing is launched there only to be refused as TASK_LOST.
@Suite struct DrainingAgentTests {
    @Test func aDrainingAgentIsOfferedNoMoreAndItsOffersGoBack() throws {
        var cluster = CoreHarness()
        let draining = try cluster.addAgent(hostname: "a")
        let framework = cluster.subscribe("web")
        let offered = try #require(cluster.offers(for: framework).first { $0.agentID == draining })

        cluster.send(.agentDraining(draining))
        #expect(cluster.events(for: framework).contains(.rescind(offered.id)))
        #expect(cluster.offers(for: framework).isEmpty)
        #expect(cluster.core.snapshot(now: cluster.now).agents.first { $0.id == draining }?.active == false)

        _ = try cluster.addAgent(hostname: "b")  // an allocation pass: only b is offered
        #expect(cluster.offers(for: framework).map(\.agentID).allSatisfy { $0 != draining })
        #expect(!cluster.offers(for: framework).isEmpty)

        cluster.send(.agentUnregistered(draining, reason: "agent drained"))
        #expect(!cluster.core.snapshot(now: cluster.now).agents.contains { $0.id == draining })
    }
}
