import CorralHTTPServer
import CorralModel
import Hummingbird
import Logging

/// Which endpoint answers each of an agent's paths. Mesos serves the agent's own endpoints both
/// at `/x` and at `/slave(1)/x`; both are routed here. Every path is routed whatever the
/// method: the endpoints answer one they do not take with Mesos's 405 (`/health` takes any).
/// The router skips empty segments of a path, so `/slave(1)//state/` finds `/slave(1)/state`;
/// anything unknown is a 404 naming the path. Every refusal carries a message.
///
/// With `--authenticate-http-readonly`, everything but `/health` and `/version` needs
/// credentials (the read-only realm), `/api/v1` included: it only reads here, and would
/// otherwise show what `/state` keeps to principals.
enum AgentRoutes {
    static func router(
        files: AgentFilesEndpoint, states: AgentStateEndpoints, operators: AgentOperatorEndpoint, authenticator: HTTPAuthenticator, logger: Logger
    ) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: EndpointProblemMiddleware(logger: logger))
        let operatorRealm = authenticator.requiredRealms.contains(MesosRealm.agentReadwrite) ? MesosRealm.agentReadwrite : MesosRealm.agentReadonly
        for prefix in ["", "/slave(1)"] {
            router.endpoint(prefix + "/health") { _, _ in .empty(.ok) }
            router.endpoint(prefix + "/api/v1") { request, _ in
                try await operators.respond(to: request, principal: try authenticator.principal(of: request, realm: operatorRealm))
            }
            for operation in AgentFilesEndpoint.Operation.allCases {
                for name in [operation.rawValue, operation.rawValue + ".json"] {
                    router.endpoint(prefix + "/files/" + name) { request, _ in
                        let principal = try authenticator.principal(of: request, realm: MesosRealm.agentReadonly)
                        return try await files.respond(to: request, operation: operation, principal: principal)
                    }
                }
            }
            for endpoint in AgentStateEndpoints.paths {
                let realm = AgentStateEndpoints.open.contains(endpoint) ? nil : MesosRealm.agentReadonly
                router.endpoint(prefix + endpoint) { request, _ in
                    let principal = try realm.flatMap { realm throws(HTTPProblem) in try authenticator.principal(of: request, realm: realm) }
                    return try await states.respond(to: request, endpoint: endpoint, principal: principal)
                }
            }
        }
        return router
    }
}
