import CorralHTTPServer
import HTTPTypes
import Hummingbird
import Logging

/// Which of `MarathonEndpoints` answers each path and method. `/ping` stays open for load
/// balancers' health checks, as Marathon's does; with `--http-credentials` every other path,
/// and the not-found answer, needs them. A known path asked with a method it does not take is a
/// 405 naming the ones it does.
enum MarathonRoutes {
    static func router(endpoints: MarathonEndpoints, authenticator: HTTPAuthenticator = .none, realm: String = "Mesosphere", logger: Logger) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        // Added first so that it wraps every route below, and the not-found answer too.
        router.add(middleware: MarathonErrorMiddleware(logger: logger))
        router.allowing("/ping", [.get: { _, _ in endpoints.ping() }])
        if authenticator.isEnabled { router.add(middleware: BasicAuthMiddleware(authenticator: authenticator, realm: realm)) }

        router.allowing("/v2/info", [.get: { _, _ in try await endpoints.serverInfo() }])
        router.allowing("/v2/leader", [.get: { _, _ in try await endpoints.leader() }])
        router.allowing("/v2/apps", [
            .get: { _, _ in try await endpoints.apps() },
            .post: { request, _ in try await endpoints.create(request) },
            .put: { request, _ in try await endpoints.putMany(request) },
        ])
        // App IDs hold slashes: the rest of the path is the app's, and `AppPath` reads it.
        router.allowing("/v2/apps/**", Dictionary(uniqueKeysWithValues: methods.map { method in
            (method, { request, context in
                let segments = context.parameters.getCatchAll().map(String.init)
                return try await endpoints.app(request, AppPath(segments: segments, method: request.method))
            } as Handler)
        }))
        router.allowing("/v2/tasks", [.get: { _, _ in try await endpoints.tasks() }])
        router.allowing("/v2/tasks/delete", [.post: { request, _ in try await endpoints.killByIDs(request) }])
        router.allowing("/v2/queue", [.get: { _, _ in try await endpoints.queue() }])
        router.allowing("/v2/deployments", [.get: { _, _ in try await endpoints.deployments() }])
        router.allowing("/v2/deployments/**", [
            .delete: { request, context in
                try await endpoints.cancelDeployment(context.parameters.getCatchAll().joined(separator: "/"), request)
            },
        ])
        return router
    }

    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    /// The methods a path answers for, if only with a 405. Others (a method of one's own) find no
    /// route: a 404.
    static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options, .trace]

    /// The 405 for `method` where only `allowed` are taken, in the order given.
    static func notAllowed(_ method: HTTPRequest.Method, _ allowed: [HTTPRequest.Method]) -> HTTPProblem {
        HTTPProblem(.methodNotAllowed, "\(method) is not allowed here; use \(allowed.map(\.rawValue).joined(separator: " or "))")
    }
}

extension Router<BasicRequestContext> {
    /// Routes `path` to a handler for each method in `handlers`, and every other method of
    /// `MarathonRoutes.methods` to the 405 that names the allowed ones.
    func allowing(_ path: RouterPath, _ handlers: [HTTPRequest.Method: MarathonRoutes.Handler]) {
        let allowed = MarathonRoutes.methods.filter { handlers[$0] != nil }
        for method in MarathonRoutes.methods {
            let handler = handlers[method] ?? { request, _ in throw MarathonRoutes.notAllowed(request.method, allowed) }
            on(path, method: method) { request, context in try await handler(request, context) }
        }
    }
}
