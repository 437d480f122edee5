import CorralHTTPServer
import CorralMaster
import CorralMesosJSON
import CorralModel
import Hummingbird

/// Corral's own read-only endpoint for the console's "why": `GET /corral/v1/explain` with
/// `framework_id=` (where the framework stands with the allocator now) or `offer_id=` (why an
/// outstanding offer went to its framework). Apache Mesos has no such endpoint; a console that
/// hears 404 from a master says that master cannot explain.
struct ExplainEndpoint: Sendable {
    let master: Master
    let acls: ACLs

    static let path = "/corral/v1/explain"

    func respond(to request: Request, principal: String?) async throws(HTTPProblem) -> Response {
        guard request.method == .get || request.method == .head else {
            throw HTTPProblem(.methodNotAllowed, "Expecting a 'GET' request, received '\(request.method)'", headers: [.allow: "GET"])
        }
        let query = request.queryDictionary
        let view = ClusterView(acls: acls, principal: principal)
        // Which frameworks this principal may see; nil for all of them. Most masters have no
        // view rules, and a snapshot of the whole cluster per request is not free.
        let visible: Set<String>? =
            view.seesEverything ? nil : Set(await master.snapshot(ordered: false).frameworks.filter { view.sees($0.info) }.map(\.id.value))
        let sees = { (id: String) in visible?.contains(id) ?? true }
        let redact = { (standing: ShareStanding) in sees(standing.id) ? standing : ShareStanding(id: "(hidden)", weightedShare: standing.weightedShare, weight: standing.weight) }
        switch (query["framework_id"], query["offer_id"]) {
        case (let id?, nil):
            guard sees(id), var standing = await master.standing(of: FrameworkID(id)) else {
                throw HTTPProblem(.notFound, "No framework '\(id.printablePrefix(80))' (framework_id) that this principal may see")
            }
            standing.next = standing.next.map(redact)
            return .json(MesosJSON.encode(standing))
        case (nil, let id?):
            guard let (offer, reason) = await master.reason(forOffer: OfferID(id)), sees(offer.frameworkID.value) else {
                throw HTTPProblem(.notFound, "No outstanding offer '\(id.printablePrefix(80))' (offer_id) that this principal may see")
            }
            var redacted = reason
            redacted.frameworkOrder = reason.frameworkOrder.map(redact)
            redacted.passedOver = reason.passedOver.map { PassedOver(framework: redact($0.framework), reason: $0.reason) }
            return .json(MesosJSON.encode(OfferExplanation(offer: offer, reason: redacted)))
        default:
            throw HTTPProblem(.badRequest, "Expecting exactly one of the query parameters framework_id and offer_id")
        }
    }
}
