import Hummingbird
import Logging

/// How the master's and an agent's routers end a request: a refusal (`HTTPProblem`) answers
/// with its status and message, logged as `HTTPProblem.answer` logs it, and a path no route
/// knows is a 404 that names it as sent. Added to a router first, it wraps the not-found answer
/// too.
package struct EndpointProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    package init(logger: Logger) {
        self.logger = logger
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await HTTPProblem.answer(request, logger: logger) {
            do {
                return try await next(request, context)
            } catch let error as HTTPError where error.status == .notFound {
                throw HTTPProblem(.notFound, "No such endpoint: \(request.uri.path)")
            }
        }
    }
}
