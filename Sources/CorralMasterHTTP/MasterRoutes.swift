import CorralHTTPServer
import Hummingbird
import Logging

/// Which endpoint answers each of the master's paths. Each surface authenticates in its own
/// realm, as Mesos's: the scheduler API, the operator API (read-write), the read-only legacy
/// endpoints and explanations, and Corral's agent protocol; `/health`, `/version` and
/// `/redirect` stay open, as they are on Mesos. Every path is routed whatever the method: the
/// endpoints answer one they do not take with Mesos's 405. The router skips empty segments of a
/// path, so `//master/state/` finds `/master/state`, as clients expect; anything unknown is a
/// 404 naming the path. Every refusal carries a message.
enum MasterRoutes {
    static func router(
        scheduler: SchedulerEndpoint, operators: OperatorEndpoint, legacy: LegacyEndpoints, agents: AgentEndpoint, explain: ExplainEndpoint,
        authenticator: HTTPAuthenticator, logger: Logger
    ) -> Router<PeerRequestContext> {
        let router = Router(context: PeerRequestContext.self)
        router.add(middleware: EndpointProblemMiddleware(logger: logger))
        for path in ["/api/v1", "/api/v1/operator"] {
            router.endpoint(path) { request, context in
                try await operators.respond(
                    to: request, principal: try authenticator.principal(of: request, realm: MesosRealm.readwrite), connectionClosed: context.connectionClosed)
            }
        }
        // The peer's address: a framework that subscribes without a hostname gets it.
        router.endpoint("/api/v1/scheduler") { request, context in
            let principal = try authenticator.principal(of: request, realm: MesosRealm.scheduler)
            return try await scheduler.respond(to: request, principal: principal, peer: context.peerHost, connectionClosed: context.connectionClosed)
        }
        router.endpoint(ExplainEndpoint.path) { request, _ in
            try await explain.respond(to: request, principal: try authenticator.principal(of: request, realm: MesosRealm.readonly))
        }
        router.endpoint(AgentEndpoint.path) { request, context in
            try await agents.respond(
                to: request, principal: try authenticator.principal(of: request, realm: MesosRealm.agent), connectionClosed: context.connectionClosed)
        }
        router.endpoint(AgentEndpoint.registerPath) { request, context in
            try await agents.respondToRegistration(
                request, principal: try authenticator.principal(of: request, realm: MesosRealm.agent), connectionClosed: context.connectionClosed)
        }
        // Mesos's master serves its legacy endpoints at `/master/x` too, where its CLI asks.
        for endpoint in LegacyEndpoints.paths {
            let realm = LegacyEndpoints.open.contains(endpoint) ? nil : MesosRealm.readonly
            for path in [endpoint, "/master" + endpoint] {
                router.endpoint(path) { request, _ in
                    let principal = try realm.flatMap { realm throws(HTTPProblem) in try authenticator.principal(of: request, realm: realm) }
                    return try await legacy.respond(to: request, endpoint: endpoint, principal: principal)
                }
            }
        }
        return router
    }
}
