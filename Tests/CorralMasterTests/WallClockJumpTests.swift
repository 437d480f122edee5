import CorralModel
import Testing

@testable import CorralMaster

/// Deadlines run on the monotonic reading of the master's clock, timestamps on its wall reading:
/// a wall clock set forward or back (NTP, `date -s`) moves no deadline.
@Suite struct WallClockJumpTests {
    static let day = 24 * 3600.0

    @Test func anOfferTimesOutAfterItsTimeoutWhateverTheWallClockDoes() throws {
        var configuration = MasterConfiguration()
        configuration.offerTimeout = .seconds(30)
        var (cluster, framework, offer) = try CoreHarness.offering(to: "slow", configuration)

        cluster.advance(by: 29, wallJump: Self.day)  // the wall says a day went by
        #expect(!cluster.events(for: framework).contains(.rescind(offer.id)))
        cluster.advance(by: 1, wallJump: -2 * Self.day)  // and now that it is yesterday
        #expect(cluster.events(for: framework).contains(.rescind(offer.id)))
    }

    @Test func aRefuseFilterHoldsForItsSecondsWhenTheWallClockGoesBack() throws {
        var (cluster, framework, offer) = try CoreHarness.offering(to: "picky")
        cluster.send(.call(framework, .decline(offerIDs: [offer.id], filters: Filters(refuseSeconds: 5))))
        cluster.advance(by: 4, wallJump: -Self.day)
        #expect(cluster.offers(for: framework).isEmpty)
        cluster.advance(by: 1)
        #expect(cluster.offers(for: framework).count == 1)
    }

    @Test func anAgentIsNotSilentBecauseTheWallClockJumpedForward() throws {
        var configuration = MasterConfiguration()
        configuration.agentTimeout = .seconds(15)
        var cluster = CoreHarness(configuration: configuration)
        let agent = try cluster.addAgent()
        cluster.advance(by: 10, wallJump: Self.day)
        #expect(cluster.core.snapshot(now: cluster.now).agents[0].active)
        cluster.send(.agentPing(agent))
        cluster.advance(by: 14, wallJump: Self.day)
        #expect(cluster.core.snapshot(now: cluster.now).agents[0].active)
        cluster.advance(by: 1)  // 15 s of silence by the monotonic clock
        #expect(cluster.core.snapshot(now: cluster.now).agents[0].active == false)
    }

    @Test func timestampsFollowTheWallClock() throws {
        var cluster = CoreHarness()
        cluster.advance(by: 1, wallJump: Self.day)
        _ = try cluster.addAgent()
        let snapshot = cluster.core.snapshot(now: cluster.now)
        #expect(snapshot.time == cluster.now.wall)
        #expect(snapshot.agents[0].registeredAt == cluster.now.wall)
    }
}
