import HTTPTypes
import Hummingbird

/// A handler of one path and method.
package typealias RouteHandler = ContextRouteHandler<BasicRequestContext>

/// A handler of one path and method, for a router whose requests carry `Context`.
package typealias ContextRouteHandler<Context: RequestContext> = @Sendable (Request, Context) async throws -> Response

/// The methods a routed path answers for, if only with a 405. Others (a method of one's own)
/// find no route: a 404.
package let routedMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options, .trace]

/// The 405 for `method` where only `allowed` are taken, naming them in the message and in
/// `Allow`, as HTTP asks.
package func methodNotAllowed(_ method: HTTPRequest.Method, _ allowed: [HTTPRequest.Method]) -> HTTPProblem {
    HTTPProblem(
        .methodNotAllowed, "\(method) is not allowed here; use \(allowed.map(\.rawValue).joined(separator: " or "))",
        headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
}

extension Router {
    /// Routes `path` to a handler for each method in `handlers`, and every other method of
    /// `routedMethods` to the 405 that names the allowed ones (a known path asked the wrong way
    /// is not a 404: clients and people learn what the path does take).
    package func allowing(_ path: RouterPath, _ handlers: [HTTPRequest.Method: ContextRouteHandler<Context>]) {
        let allowed = routedMethods.filter { handlers[$0] != nil }
        for method in routedMethods {
            let handler = handlers[method] ?? { request, _ in throw methodNotAllowed(request.method, allowed) }
            on(path, method: method) { request, context in try await handler(request, context) }
        }
    }
}
