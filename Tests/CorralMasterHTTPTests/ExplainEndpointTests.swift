import AsyncHTTPClient
import CorralModel
import CorralSDKHTTP
import Testing

@testable import CorralOperatorClient

/// `/corral/v1/explain`: a framework's standing with the allocator and an outstanding offer's
/// reason, over HTTP as a remote console reads them; what it does not know is a 404 naming the
/// parameter, and a master without the endpoint is told apart from one that lacks the subject.
@Suite(.timeLimit(.minutes(1))) struct ExplainEndpointTests {
    @Test func aRemoteConsoleReadsAFrameworksStandingAndItsOffersReason() async throws {
        try await HTTPTestCluster.run(agents: 1) { _, master in
            let events = try await HTTPSchedulerTransport(master: master).subscribe(FrameworkInfo(name: "explained"), suppressedRoles: [])
            var frameworkID: FrameworkID?
            var offer: Offer?
            for try await event in events {
                if case .subscribed(let id, _, _) = event { frameworkID = id }
                if case .offers(let offers) = event, let first = offers.first { offer = first; break }
            }
            let id = try #require(frameworkID)
            let made = try #require(offer)
            let client = OperatorClient(master: master)

            guard case .framework(let standing) = try await client.explain(frameworkID: id) else { Issue.record("no standing"); return }
            #expect(standing.name == "explained" && standing.active && standing.outstandingOffers == 1)
            #expect(standing.dominantShare == 1 && standing.roles.map(\.role) == ["*"])

            guard case .offer(let explanation) = try await client.explain(offerID: made.id) else { Issue.record("no reason"); return }
            #expect(explanation.offer.id == made.id && explanation.reason.stage == .fairShare)
            #expect(explanation.reason.frameworkOrder.first?.name == "explained")

            guard case .notFound(let message) = try await client.explain(frameworkID: "nobody") else { Issue.record("an unknown framework was found"); return }
            #expect(message.contains("'nobody' (framework_id)"))

            let bare = try await HTTPClient.shared.execute(HTTPClientRequest(url: master.url("/corral/v1/explain")), timeout: .seconds(5))
            #expect(bare.status.code == 400)
        }
    }

    @Test func aMasterWithoutTheEndpointIsToldApartFromOneThatLacksTheSubject() throws {
        guard case .unsupported = try OperatorClient.refusal(404, Array("No such endpoint".utf8)) else { Issue.record("Apache Mesos's 404 read as a missing subject"); return }
        guard case .notFound = try OperatorClient.refusal(404, Array("No outstanding offer 'x' (offer_id) that this principal may see".utf8)) else {
            Issue.record("a Corral master's 404 read as a missing endpoint")
            return
        }
        #expect(throws: (any Error).self) { try OperatorClient.refusal(503, []) }
    }
}
