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

    @Test func demandAfterALongDeclineRevivesEvenUnsuppressed() {
        var interest = OfferInterest()
        interest.declined(refuseSeconds: 1)
        #expect(interest.call(wanted: true) == nil)  // a short filter runs out by itself
        interest.declined(refuseSeconds: 30)
        #expect(interest.call(wanted: true) == .revive(roles: []))
        #expect(interest.call(wanted: true) == nil)
    }

    @Test func aNewSubscriptionForgetsWhatWasSaid() {
        var interest = OfferInterest()
        _ = interest.call(wanted: false)
        interest.subscribed()
        #expect(interest.call(wanted: true) == nil)
        #expect(interest.call(wanted: false) == .suppress(roles: []))
    }
}
