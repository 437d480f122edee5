import CorralHTTPServer
import CorralMaster
import CorralModel
import Hummingbird
import Logging

/// Routes each request by its (normalised) path. Anything unknown is a 404, a known path with the
/// wrong method a 405; every refusal carries a message.
struct MasterResponder: HTTPResponder {
    typealias Context = PeerRequestContext

    let master: Master
    let scheduler: SchedulerEndpoint
    let operators: OperatorEndpoint
    let legacy: LegacyEndpoints
    let agents: AgentEndpoint
    let explain: ExplainEndpoint
    let authenticator: HTTPAuthenticator
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        try await HTTPProblem.answer(request, logger: logger) { try await route(request, peer: context.peerHost) }
    }

    /// `peer` is the client's address: a framework that subscribes without a hostname gets it.
    /// Each surface authenticates in its own realm, as Mesos's: the scheduler API, the
    /// operator API (read-write), the read-only legacy endpoints, and Corral's agent protocol.
    /// `/health`, `/version` and `/redirect` stay open, as they are on Mesos.
    private func route(_ request: Request, peer: String?) async throws -> Response {
        let path = request.normalizedPath
        switch path {
        case "/api/v1", "/api/v1/operator":
            let principal = try authenticator.principal(of: request, realm: MesosRealm.readwrite)
            return try await operators.respond(to: request, principal: principal)
        case "/api/v1/scheduler":
            let principal = try authenticator.principal(of: request, realm: MesosRealm.scheduler)
            return try await scheduler.respond(to: request, principal: principal, peer: peer)
        case ExplainEndpoint.path:
            let principal = try authenticator.principal(of: request, realm: MesosRealm.readonly)
            return try await explain.respond(to: request, principal: principal)
        case "/corral/v1/agent":
            let principal = try authenticator.principal(of: request, realm: MesosRealm.agent)
            return try await agents.respond(to: request, principal: principal)
        default:
            guard let endpoint = LegacyEndpoints.endpoint(of: path) else {
                throw HTTPProblem(.notFound, "No such endpoint: \(request.uri.path)")
            }
            let principal = LegacyEndpoints.open.contains(endpoint) ? nil : try authenticator.principal(of: request, realm: MesosRealm.readonly)
            return try await legacy.respond(to: request, endpoint: endpoint, principal: principal)
        }
    }
}
