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

    /// An agent that registers while it drains (its connection dropped, or it restarted in the
    /// middle of a drain) says so in REGISTER: it is never offered, not even for the moment
    /// before it could say DRAINING.
    @Test func anAgentRegisteringWhileItDrainsIsNeverOffered() throws {
        var cluster = CoreHarness()
        let framework = cluster.subscribe("web")
        let info = AgentInfo(hostname: "a", resources: try Resources(parsing: "cpus:4;mem:4096"))
        let draining = AgentInventory(draining: true)
        let first = cluster.send(.registerAgent(info, isolation: "posix", inventory: draining, connection: cluster.connection()))
        let id = try #require(first.lazy.compactMap { if case .bindAgent(_, let id) = $0 { id } else { nil } }.first)
        #expect(cluster.offers(for: framework).isEmpty)
        #expect(cluster.core.snapshot(now: cluster.now).agents.first { $0.id == id }?.active == false)

        // Back on a new connection, still draining: still not offered.
        var known = info
        known.id = id
        cluster.send(.registerAgent(known, isolation: "posix", inventory: draining, connection: cluster.connection()))
        cluster.send(.allocate)
        #expect(cluster.offers(for: framework).isEmpty)

        // The same agent, no longer draining (restarted with --recover cleanup): offered again.
        cluster.send(.registerAgent(known, isolation: "posix", inventory: .empty, connection: cluster.connection()))
        #expect(cluster.offers(for: framework).map(\.agentID) == [id])
    }

    /// The same agent, re-registering draining on a new link while its old link still holds an
    /// offer: the offer goes back.
    @Test func aDrainingReregistrationTakesBackTheOffersOfTheOldLink() throws {
        var cluster = CoreHarness()
        let id = try cluster.addAgent(hostname: "a")
        let framework = cluster.subscribe("web")
        let offered = try #require(cluster.offers(for: framework).first)
        var known = AgentInfo(hostname: "a", resources: try Resources(parsing: "cpus:4;mem:4096"))
        known.id = id
        cluster.send(.registerAgent(known, isolation: "posix", inventory: AgentInventory(draining: true), connection: cluster.connection()))
        #expect(cluster.events(for: framework).contains(.rescind(offered.id)))
        #expect(cluster.offers(for: framework).isEmpty)
    }
}
