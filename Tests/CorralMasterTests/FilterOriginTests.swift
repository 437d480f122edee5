import CorralModel
import Testing

@testable import CorralMaster

/// A framework's refuse filters say which decline (or accept) made them, for the Why view.
@Suite struct FilterOriginTests {
    @Test func aFilterNamesTheDeclineOrTheAcceptThatMadeIt() throws {
        var cluster = CoreHarness()
        _ = try cluster.addAgent("cpus:4;mem:4096", hostname: "a")
        _ = try cluster.addAgent("cpus:4;mem:4096", hostname: "b")
        let framework = cluster.subscribe("web")
        let offers = cluster.offers(for: framework)
        try #require(offers.count == 2)
        cluster.send(.call(framework, .decline(offerIDs: [offers[0].id], filters: Filters(refuseSeconds: 30))))
        let task = try cluster.task("t1", on: offers[1].agentID, "cpus:1;mem:128")
        cluster.send(.call(framework, .accept(offerIDs: [offers[1].id], operations: [.launch([task])], filters: Filters(refuseSeconds: 7))))

        let filters = try #require(cluster.core.standing(of: framework, now: cluster.now)).filters
        let byAgent = Dictionary(uniqueKeysWithValues: filters.map { ($0.agentID, $0.origin) })
        #expect(byAgent[offers[0].agentID] == FilterOrigin(.decline, of: offers[0].id, refuseSeconds: 30))
        #expect(byAgent[offers[1].agentID] == FilterOrigin(.unusedPartOfAccept, of: offers[1].id, refuseSeconds: 7))
    }
}
