import CorralModel
import Testing

@testable import ConsoleCore

/// `w` on a framework or an offer opens the "Why" view, asks the master, and shows its reasons
/// in sentences with their numbers; what the master cannot answer is said as it is.
@Suite struct WhyViewTests {
    let theme = ResolvedTheme(.builtIn, support: .none)

    static let standing = FrameworkStanding(
        frameworkID: ClusterFixture.batch, name: "batch", active: true, dominantShare: 2.0 / 3, dominantResource: "mem",
        roles: [
            FrameworkStanding.RoleStanding(
                role: "analytics", weight: 2, roleShare: 1.0 / 3, rolePlace: 2, roleCount: 2, frameworkShare: 2.0 / 3,
                frameworkPlace: 1, frameworkCount: 1, suppressed: false, guarantee: ["cpus": 2], limit: ["cpus": 8],
                allocated: ["cpus": 3, "mem": 12288])
        ],
        next: ShareStanding(id: ClusterFixture.web.value, name: "web", weightedShare: 0.25), nextRole: "*",
        filters: [FrameworkStanding.Filter(agentID: ClusterFixture.agentID(1), hostname: "node-2", secondsLeft: 4.2, resources: Resources([.scalar("cpus", 4)]),
            origin: FilterOrigin(.decline, of: "O-12", refuseSeconds: 5))],
        outstandingOffers: 1)

    func render(_ model: ConsoleModel) -> String {
        ConsoleView.render(model, theme: theme, glyphs: .unicode, width: 160, height: 48).text
    }

    @Test func wOnAFrameworkAsksTheMasterAndShowsItsStanding() throws {
        var model = ClusterFixture.model()
        while model.focus != .frameworks { _ = model.update(.key(.tab)) }
        model.tables[.frameworks]?.selectedKey = ClusterFixture.batch.value
        let effects = model.update(.key(.character("w")))
        #expect(effects == [.explain(.framework(ClusterFixture.batch))])
        #expect(render(model).contains("Asking the master…"))

        _ = model.update(.explanation(.framework(ClusterFixture.batch), .framework(Self.standing)))
        let text = render(model)
        try GoldenFrame.check(text, named: "why-framework")
        #expect(text.contains("It holds 67% of the cluster's mem, its dominant resource"))
        #expect(text.contains("Role analytics (weight 2, so its share counts 1/2) has a weighted share of 33%: 2nd of 2 roles"))
        #expect(text.contains("node-2 (S1): 5s left, for offers within cpus:4, from its decline of offer O-12 (refuse 5 s)"))

        // An answer for another subject (a late one) does not replace this one; w asks again.
        _ = model.update(.explanation(.framework(ClusterFixture.web), .unavailable("late")))
        #expect(!render(model).contains("late"))
        #expect(model.update(.key(.character("w"))) == [.explain(.framework(ClusterFixture.batch))])
        _ = model.update(.key(.escape))
        #expect(model.detail == nil && model.why == nil)
    }

    /// A framework's standing follows the cluster: each refresh asks again once the last answer
    /// came, never piling up questions; an offer's reason is of its moment and is not asked again.
    @Test func aFrameworksWhyFollowsTheClusterAndAnOffersDoesNot() throws {
        var model = ClusterFixture.model()
        let snapshot = try #require(model.snapshot)
        _ = model.explain(.framework(ClusterFixture.batch))
        #expect(model.update(.cluster(snapshot, events: [])).isEmpty)  // the first answer is not back
        _ = model.update(.explanation(.framework(ClusterFixture.batch), .framework(Self.standing)))
        #expect(model.update(.cluster(snapshot, events: [])) == [.explain(.framework(ClusterFixture.batch))])
        #expect(model.update(.cluster(snapshot, events: [])).isEmpty)  // asked; waiting for it
        _ = model.update(.tick(now: model.now + 5))
        _ = model.update(.explanation(.framework(ClusterFixture.batch), .framework(Self.standing)))
        #expect(model.why?.askedAt == model.now)
        #expect(render(model).contains("asked again with every refresh"))

        // w while a refresh is out asks nothing more: the answer on its way fills the view.
        #expect(model.update(.cluster(snapshot, events: [])) == [.explain(.framework(ClusterFixture.batch))])
        #expect(model.explain(.framework(ClusterFixture.batch)).isEmpty)
        #expect(model.why?.answer == nil)
        _ = model.update(.explanation(.framework(ClusterFixture.batch), .framework(Self.standing)))
        #expect(model.why?.answer == .framework(Self.standing))
        #expect(model.explain(.framework(ClusterFixture.batch)) == [.explain(.framework(ClusterFixture.batch))])
        _ = model.update(.explanation(.framework(ClusterFixture.batch), .framework(Self.standing)))

        let offer = try #require(snapshot.offers.first?.offer)
        _ = model.explain(.offer(offer.id))
        _ = model.update(.explanation(.offer(offer.id), .unavailable("no reason")))
        #expect(model.update(.cluster(snapshot, events: [])).isEmpty)
    }

    @Test func wOnAnOfferShowsWhyItWentToItsFramework() throws {
        var model = ClusterFixture.model()
        while model.focus != .offers { _ = model.update(.key(.tab)) }
        let offer = try #require(model.snapshot?.offers.first?.offer)
        model.tables[.offers]?.selectedKey = offer.id.value
        #expect(model.update(.key(.character("w"))) == [.explain(.offer(offer.id))])
        let reason = OfferReason(
            stage: .fairShare, role: "*",
            roleOrder: [ShareStanding(id: "*", weightedShare: 0.1), ShareStanding(id: "analytics", weightedShare: 0.33, weight: 2)],
            rolePlace: 1, roleCount: 2,
            frameworkOrder: [ShareStanding(id: "f-web", name: "web", weightedShare: 0.05), ShareStanding(id: "f-batch", name: "batch", weightedShare: 0.2)],
            frameworkPlace: 2, frameworkCount: 2,
            passedOver: [PassedOver(framework: ShareStanding(id: "f-web", name: "web", weightedShare: 0.05), reason: .filtered)])
        _ = model.update(.explanation(.offer(offer.id), .offer(offer, reason)))
        let text = render(model)
        try GoldenFrame.check(text, named: "why-offer")
        #expect(text.contains("It was made by weighted DRF"))
        #expect(text.contains("Passed over: web (f-web), a refuse filter from an earlier decline covered these resources."))
    }

    @Test func wOnAWaitingAppSaysPerAgentWhatItsLastOfferLacked() throws {
        var model = FrameworksFixture.model()
        while model.focus != .services { _ = model.update(.key(.tab)) }
        model.tables[.services]?.selectedKey = "/shop/search"
        #expect(model.update(.key(.character("w"))).isEmpty, "an app's reasons come with Services' rows, not from the master")
        let text = render(model)
        try GoldenFrame.check(text, named: "why-app")
        #expect(text.contains("2 instances still to start; no offer could take one. At each agent's last offer:"))
        #expect(text.contains("│   node-1 is short of 5 cpus"))
        #expect(text.contains("node-2: hostname:UNIQUE"))

        let delayed = try #require(model.services?.first { $0.id == "/worker" })
        #expect(WhySentences.app(delayed).contains("Launches are held back after failures (its backoff): the next may start in 13s."))
    }

    @Test func whatTheMasterCannotAnswerIsSaidAsItIs() {
        var model = ClusterFixture.model()
        _ = model.explain(.framework(ClusterFixture.web))
        _ = model.update(.explanation(.framework(ClusterFixture.web), .unavailable("The master at m:5050 gives no reasons.")))
        #expect(render(model).contains("The master at m:5050 gives no reasons."))
        #expect(WhyView.wrap("  a long line of words that wraps", width: 12) == ["  a long", "    line of", "    words", "    that", "    wraps"])
    }
}

/// A job's reasons, in words.
@Suite struct JobWhyTests {
    @Test func aJobSaysWhatItWaitsFor() {
        let now = Time(seconds: 1_000_000)
        let scheduled = JobRow(name: "report", schedule: "R/2030-01-01T00:00:00Z/PT1H", nextRun: now + 90)
        #expect(WhySentences.job(scheduled, now: now).last?.contains("It waits for its schedule (R/2030-01-01T00:00:00Z/PT1H): the next run is at") == true)
        #expect(WhySentences.job(scheduled, now: now).last?.hasSuffix("in 1m30s.") == true)
        let queued = JobRow(name: "big", schedule: "R//PT1H", queued: 1, waitingReason: "node-1 is short of 3 cpus")
        #expect(WhySentences.job(queued, now: now).contains("1 run is due and waits for resources; the last offer could not take one: node-1 is short of 3 cpus."))
        let child = JobRow(name: "child", schedule: "after a, b", parents: ["a", "b"], parentsPending: ["b"])
        #expect(WhySentences.job(child, now: now) == ["It runs after a, b succeed; still waiting for b."])
    }
}
