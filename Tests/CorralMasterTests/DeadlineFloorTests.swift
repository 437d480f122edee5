import CorralModel
import Testing

@testable import CorralMaster

/// The master's next deadline for silent agents and offer timeouts comes from floors kept as
/// events arrive, not from a walk over every agent and offer per event. A floor may be early
/// (a ping moves an agent's own deadline later); it must never be late.
@Suite struct DeadlineFloorTests {
    static var configuration: MasterConfiguration {
        var configuration = MasterConfiguration()
        configuration.allocationInterval = .seconds(3600)
        configuration.agentTimeout = .seconds(30)
        configuration.offerTimeout = nil
        return configuration
    }

    @Test func theFirstAgentToFallSilentIsNamedAndAPingOnlyCostsAnEarlyTick() throws {
        var cluster = CoreHarness(configuration: Self.configuration)
        let start = cluster.now
        let a = try cluster.addAgent(hostname: "a")
        cluster.advance(by: 10)
        let b = try cluster.addAgent(hostname: "b")
        #expect(cluster.core.nextDeadline == start + .seconds(30))

        cluster.advance(by: 10)
        cluster.send(.agentPing(a))  // a now falls silent at +50, b at +40
        #expect(cluster.core.nextDeadline <= start + .seconds(40))  // b's: it may be early, never late

        cluster.advance(by: 10)  // +30: nobody is silent yet; the floor is exact again
        #expect(cluster.core.snapshot(now: cluster.now).agents.allSatisfy { $0.active })
        #expect(cluster.core.nextDeadline == start + .seconds(40))

        let before = cluster.actions.count
        cluster.advance(by: 10)  // +40: b has been silent for 30 s
        #expect(cluster.actions[before...].contains { if case .persist(.markUnreachable([b], _)) = $0 { true } else { false } })
        #expect(cluster.core.nextDeadline == start + .seconds(50))
    }

    @Test func anAgentBackFromUnreachableIsWatchedAgain() throws {
        var cluster = CoreHarness(configuration: Self.configuration)
        let a = try cluster.addAgent(hostname: "a")
        cluster.advance(by: 30)
        #expect(cluster.core.snapshot(now: cluster.now).agents.first?.active == false)
        let back = cluster.now
        cluster.send(.registerAgent(
            AgentInfo(id: a, hostname: "a", resources: try Resources(parsing: "cpus:4;mem:4096")), isolation: "posix", inventory: .empty,
            connection: cluster.connection()))
        #expect(cluster.core.nextDeadline == back + .seconds(30))
    }

    @Test func theOldestOfferTimesOutFirstAndItsReplacementIsWatched() throws {
        var configuration = Self.configuration
        configuration.offerTimeout = .seconds(60)
        configuration.agentTimeout = nil
        var cluster = CoreHarness(configuration: configuration)
        let start = cluster.now
        _ = try cluster.addAgent(hostname: "a")
        let framework = cluster.subscribe("web")
        let first = try #require(cluster.offers(for: framework).first)
        cluster.advance(by: 10)
        _ = try cluster.addAgent(hostname: "b")
        #expect(cluster.offers(for: framework).count == 2)
        #expect(cluster.core.nextDeadline == start + .seconds(60))

        cluster.advance(by: 50)  // +60: the first offer is rescinded and made again
        let outstanding = cluster.offers(for: framework)
        #expect(!outstanding.map(\.id).contains(first.id))
        #expect(outstanding.count == 2)
        #expect(cluster.core.nextDeadline == start + .seconds(70))
    }
}
