import AsyncHTTPClient
import CorralHTTPServer
import CorralModel
import CorralSDKHTTP
import CorralTesting
import Testing

@testable import CorralOperatorClient

/// `/corral/v1/explain`: a framework's standing with the allocator and an outstanding offer's
/// reason, over HTTP as a remote console reads them; what it does not know is a 404 naming the
/// parameter, and a master without the endpoint is told apart from one that lacks the subject.
@Suite(.timeLimit(.minutes(1))) struct ExplainEndpointTests {
    /// Subscribes `framework` over HTTP and waits for its first offer: its ID and that offer.
    /// The framework stays subscribed while the caller holds `stream`: a framework whose
    /// connection closes is disconnected at once.
    static func subscribedAndOffered(
        _ framework: FrameworkInfo, master: MasterAddress
    ) async throws -> (FrameworkID, Offer, stream: AsyncThrowingStream<SchedulerEvent, any Error>.AsyncIterator) {
        var events = try await HTTPSchedulerTransport(master: master).subscribe(framework, suppressedRoles: []).makeAsyncIterator()
        var frameworkID: FrameworkID?
        var offer: Offer?
        while let event = try await events.next() {
            if case .subscribed(let id, _, _) = event { frameworkID = id }
            if case .offers(let offers) = event, let first = offers.first { offer = first; break }
        }
        return (try #require(frameworkID), try #require(offer), events)
    }

    @Test func aRemoteConsoleReadsAFrameworksStandingAndItsOffersReason() async throws {
        try await HTTPTestCluster.run(agents: 1) { _, master in
            let (id, made, stream) = try await Self.subscribedAndOffered(FrameworkInfo(name: "explained"), master: master)
            defer { withExtendedLifetime(stream) {} }
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

    @Test func aPrincipalSeesOnlyTheFrameworksViewFrameworksAllowsAndTheRestAsHidden() async throws {
        let authenticator = HTTPAuthenticator(
            credentials: Credentials([Credential(principal: "ops", secret: "o"), Credential(principal: "alice", secret: "a")]),
            requiredRealms: [MesosRealm.readonly])
        // ops sees every framework; alice only those that run as alice.
        let acls = ACLs(permissive: true, rules: [
            .viewFrameworks: [
                ACLs.Rule(principals: .some(["ops"]), objects: .any), ACLs.Rule(principals: .some(["alice"]), objects: .some(["alice"])),
                ACLs.Rule(principals: .some(["alice"]), objects: .none),
            ]
        ])
        try await HTTPTestCluster.run(agents: 1, authenticator: authenticator, acls: acls) { _, master in
            // Bob's framework comes first but suppressed: alice's is offered the agent past it.
            let theirs = HTTPSchedulerTransport(master: master)
            var theirEvents = try await theirs.subscribe(FrameworkInfo(user: "bob", name: "theirs"), suppressedRoles: ["*"]).makeAsyncIterator()
            guard case .subscribed(let theirID, _, _) = try await theirEvents.next() else { Issue.record("no SUBSCRIBED"); return }
            let (myFramework, made, stream) = try await Self.subscribedAndOffered(FrameworkInfo(user: "alice", name: "mine"), master: master)
            defer { withExtendedLifetime(stream) {} }
            // Revived, bob's framework (holding nothing) is first in line for the next offer.
            try await theirs.send(.revive(roles: ["*"]), frameworkID: theirID)

            let ops = OperatorClient(master: master, credential: Credential(principal: "ops", secret: "o"))
            let alice = OperatorClient(master: master, credential: Credential(principal: "alice", secret: "a"))
            #expect(try await eventually {
                guard case .framework(let standing) = try await ops.explain(frameworkID: myFramework) else { return false }
                return standing.next?.id == theirID.value && standing.next?.name == "theirs"
            })
            guard case .framework(let standing) = try await alice.explain(frameworkID: myFramework) else { Issue.record("no standing"); return }
            #expect(standing.next == ShareStanding(id: "(hidden)", weightedShare: 0))

            guard case .offer(let seenByOps) = try await ops.explain(offerID: made.id) else { Issue.record("no reason"); return }
            #expect(seenByOps.reason.frameworkOrder.map(\.id) == [theirID.value, myFramework.value])
            #expect(seenByOps.reason.passedOver == [PassedOver(framework: ShareStanding(id: theirID.value, name: "theirs", weightedShare: 0), reason: .suppressed)])
            guard case .offer(let seenByAlice) = try await alice.explain(offerID: made.id) else { Issue.record("no reason"); return }
            #expect(seenByAlice.reason.frameworkOrder.map(\.id) == ["(hidden)", myFramework.value])
            #expect(seenByAlice.reason.frameworkOrder.allSatisfy { $0.name != "theirs" })
            #expect(seenByAlice.reason.passedOver == [PassedOver(framework: ShareStanding(id: "(hidden)", weightedShare: 0), reason: .suppressed)])

            // Bob's framework itself is not there for alice, as one that does not exist.
            guard case .notFound(let message) = try await alice.explain(frameworkID: theirID) else { Issue.record("alice saw bob's framework"); return }
            #expect(message.contains("No framework '\(theirID)' (framework_id) that this principal may see"))
            guard case .framework = try await ops.explain(frameworkID: theirID) else { Issue.record("ops did not see bob's framework"); return }
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
