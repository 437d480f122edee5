import CorralHTTPServer
import CorralMetrics
import HTTPTypes
import Hummingbird
import Logging

/// Which of `MarathonEndpoints` answers each path and method. `/ping` stays open for load
/// balancers' health checks, as Marathon's does; with `--http-credentials` every other path,
/// and the not-found answer, needs them. A known path asked with a method it does not take is a
/// 405 naming the ones it does. `/metrics` is Marathon's JSON; besides Marathon's paths,
/// `/metrics/prometheus` answers Services' metrics in Prometheus's text format. `/v2/plugins`
/// lists no plugins: Services has none.
enum MarathonRoutes {
    static func router(
        endpoints: MarathonEndpoints, authenticator: HTTPAuthenticator = .none, realm: String = "Mesosphere",
        metrics: ServerMetrics = ServerMetrics(), logger: Logger
    ) -> Router<PeerRequestContext> {
        // The peer's address rides on each request: the event stream names its readers by it.
        let router = Router(context: PeerRequestContext.self)
        // Added first so that it wraps every route below, and the not-found answer too.
        router.add(middleware: MarathonErrorMiddleware(logger: logger))
        router.add(middleware: ClientAddressMiddleware())
        router.allowing("/ping", [.get: { request, _ in endpoints.ping(request) }])
        if authenticator.isEnabled { router.add(middleware: BasicAuthMiddleware(authenticator: authenticator, realm: realm)) }

        router.allowing("/v2/info", [.get: { _, _ in try await endpoints.serverInfo() }])
        router.allowing("/v2/leader", [.get: { _, _ in try await endpoints.leader() }])
        router.allowing("/v2/apps", [
            .get: { request, _ in try await endpoints.apps(request) },
            .post: { request, _ in try await endpoints.create(request) },
            .put: { request, _ in try await endpoints.putMany(request) },
        ])
        // App IDs hold slashes: the rest of the path is the app's, and `AppPath` reads it.
        router.allowing("/v2/apps/**", Dictionary(uniqueKeysWithValues: routedMethods.map { method in
            (method, { request, context in
                let segments = context.parameters.getCatchAll().map(String.init)
                return try await endpoints.app(request, AppPath(segments: segments, method: request.method))
            } as ContextRouteHandler<PeerRequestContext>)
        }))
        // Group IDs hold slashes too: `GroupPath` reads the rest of the path.
        let groupMethods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        router.allowing("/v2/groups", Dictionary(uniqueKeysWithValues: groupMethods.map { method in
            (method, { request, _ in try await endpoints.groups(request, GroupPath(segments: [], method: request.method)) } as ContextRouteHandler<PeerRequestContext>)
        }))
        router.allowing("/v2/groups/**", Dictionary(uniqueKeysWithValues: groupMethods.map { method in
            (method, { request, context in
                let segments = context.parameters.getCatchAll().map(String.init)
                return try await endpoints.groups(request, GroupPath(segments: segments, method: request.method))
            } as ContextRouteHandler<PeerRequestContext>)
        }))
        router.allowing("/v2/tasks", [.get: { _, _ in try await endpoints.tasks() }])
        router.allowing("/v2/tasks/delete", [.post: { request, _ in try await endpoints.killByIDs(request) }])
        router.allowing("/v2/events", [.get: { request, context in endpoints.events(request, remoteAddress: context.peerHost ?? "", connectionClosed: context.connectionClosed) }])
        router.allowing("/v2/queue", [.get: { _, _ in try await endpoints.queue() }])
        router.allowing("/v2/deployments", [.get: { _, _ in try await endpoints.deployments() }])
        router.allowing("/v2/plugins", [.get: { _, _ in try endpoints.json(["plugins": [String]()]) }])
        router.allowing("/metrics", [.get: { _, _ in try await endpoints.metrics() }])
        router.allowing("/metrics/prometheus", [
            .get: { _, _ in .prometheus(metrics.exposition(ServicesPrometheus.families(await endpoints.services.metrics()))) },
        ])
        router.allowing("/v2/deployments/**", [
            .delete: { request, context in
                try await endpoints.cancelDeployment(context.parameters.getCatchAll().joined(separator: "/"), request)
            },
        ])
        return router
    }
}
