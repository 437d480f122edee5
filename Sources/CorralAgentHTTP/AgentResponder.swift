import CorralHTTPServer
import CorralModel
import Hummingbird
import Logging

/// Routes an agent's requests by path. Mesos serves the agent's own endpoints both at `/x` and
/// at `/slave(1)/x`; both are taken here. Unknown paths are 404s; every refusal carries a
/// message.
///
/// With `--authenticate-http-readonly`, everything but `/health` and `/version` needs
/// credentials (the read-only realm), `/api/v1` included: it only reads here, and would
/// otherwise show what `/state` keeps to principals.
struct AgentResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let files: AgentFilesEndpoint
    let states: AgentStateEndpoints
    let operators: AgentOperatorEndpoint
    let authenticator: HTTPAuthenticator
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        try await HTTPProblem.answer(request, logger: logger) { try await route(request) }
    }

    private func route(_ request: Request) async throws -> Response {
        var path = request.normalizedPath
        if path.hasPrefix("/slave(1)/") { path = String(path.dropFirst("/slave(1)".count)) }
        if path == "/health" { return .empty(.ok) }
        if path == "/api/v1" {
            let realm = authenticator.requiredRealms.contains(MesosRealm.agentReadwrite) ? MesosRealm.agentReadwrite : MesosRealm.agentReadonly
            return try await operators.respond(to: request, principal: try authenticator.principal(of: request, realm: realm))
        }
        if let operation = AgentFilesEndpoint.operation(of: path) {
            let principal = try authenticator.principal(of: request, realm: MesosRealm.agentReadonly)
            return try await files.respond(to: request, operation: operation, principal: principal)
        }
        guard AgentStateEndpoints.paths.contains(path) else { throw HTTPProblem(.notFound, "No such endpoint: \(request.uri.path)") }
        let principal = AgentStateEndpoints.open.contains(path) ? nil : try authenticator.principal(of: request, realm: MesosRealm.agentReadonly)
        return try await states.respond(to: request, endpoint: path, principal: principal)
    }
}
