import CorralModel
import CorralSDK
import Testing

@Suite struct OfferInterestTests {
    @Test func suppressesOnceAndRevivesOnceWhenDemandComesBack() {
        var interest = OfferInterest()
        #expect(interest.call(wanted: true) == nil)  // a new subscription gets offers already
        #expect(interest.call(wanted: false) == .suppress(roles: []))
        #expect(interest.call(wanted: false) == nil)
        #expect(interest.call(wanted: true) == .revive(roles: []))
        #expect(interest.call(wanted: true) == nil)
    }

    @Test func demandAfterALongDeclineWhileNothingWasWantedRevives() {
        var interest = OfferInterest()
        // An offer declined for long because nothing was wanted, before the SUPPRESS went out:
        // demand comes up while that decline is on its way.
        interest.declined(refuseSeconds: 30, wanted: false)
        #expect(interest.call(wanted: true) == .revive(roles: []))
        #expect(interest.call(wanted: true) == nil)
    }

    /// A framework that still wants offers and declines one for long did not want that one:
    /// reviving would clear the filter and bring it straight back (the churn the simulation
    /// found between two batch frameworks declining leftovers too small for a task).
    @Test func aLongDeclineWhileWantingKeepsItsFilter() {
        var interest = OfferInterest()
        interest.declined(refuseSeconds: 1, wanted: true)
        #expect(interest.call(wanted: true) == nil)
        interest.declined(refuseSeconds: 5, wanted: true)
        #expect(interest.call(wanted: true) == nil)
    }

    @Test func aNewSubscriptionForgetsWhatWasSaid() {
        var interest = OfferInterest()
        _ = interest.call(wanted: false)
        interest.subscribed()
        #expect(interest.call(wanted: true) == nil)
        #expect(interest.call(wanted: false) == .suppress(roles: []))
    }

    /// A REVIVE that never reached the master (the simulation lost one) is made again at the
    /// next step; so is a lost SUPPRESS.
    @Test func aCallThatFailedIsMadeAgain() {
        var interest = OfferInterest()
        #expect(interest.call(wanted: false) == .suppress(roles: []))
        interest.failed(.suppress(roles: []))
        #expect(interest.call(wanted: false) == .suppress(roles: []))
        #expect(interest.call(wanted: true) == .revive(roles: []))
        interest.failed(.revive(roles: []))
        #expect(interest.call(wanted: true) == .revive(roles: []))
        #expect(interest.call(wanted: true) == nil)
    }

    /// A SUPPRESS that overtook the REVIVE sent after it leaves the master suppressing a
    /// framework that wants offers; while it wants them, it says so again now and then.
    @Test func aFrameworkThatWantsOffersRevivesAgainNowAndThen() {
        var interest = OfferInterest()
        let start = ClusterInstant(offset: .zero, wall: Time(seconds: 0))
        #expect(interest.call(wanted: true, now: start) == nil)
        #expect(interest.call(wanted: true, now: start.advanced(by: .seconds(10))) == nil)
        #expect(interest.nextCall(wanted: true) == start.advanced(by: OfferInterest.reassertInterval))
        #expect(interest.call(wanted: true, now: start.advanced(by: OfferInterest.reassertInterval)) == .revive(roles: []))
        #expect(interest.call(wanted: true, now: start.advanced(by: OfferInterest.reassertInterval + .seconds(1))) == nil)
        #expect(interest.call(wanted: false, now: start.advanced(by: .seconds(100))) == .suppress(roles: []))
        #expect(interest.nextCall(wanted: false) == nil)
        #expect(interest.call(wanted: false, now: start.advanced(by: .seconds(200))) == nil)
    }

    /// A call that did not reach the master is made again a second later, with no event.
    @Test func aFailedCallIsDueAgainAfterTheRetryInterval() {
        var interest = OfferInterest()
        let start = ClusterInstant(offset: .seconds(5), wall: Time(seconds: 0))
        #expect(interest.call(wanted: false, now: start) == .suppress(roles: []))
        interest.failed(.suppress(roles: []))
        #expect(interest.nextCall(wanted: false) == start.advanced(by: OfferInterest.retryInterval))
        #expect(interest.call(wanted: false, now: start.advanced(by: OfferInterest.retryInterval)) == .suppress(roles: []))
        #expect(interest.nextCall(wanted: false) == nil)
    }
}
