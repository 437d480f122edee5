import CorralHTTPServer
import Hummingbird
import Logging

/// Refusals of the Marathon API: an `HTTPProblem` answers with its status and body (Marathon's
/// JSON where the endpoint wrote one), and a path no route knows is a 404 that names it.
struct MarathonErrorMiddleware: RouterMiddleware {
    typealias Context = PeerRequestContext

    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as HTTPProblem {
            logger.debug("refused request", metadata: ["path": "\(request.uri.path)", "status": "\(problem.status.code)", "problem": "\(problem.message)"])
            return problem.response
        } catch let error as HTTPError where error.status == .notFound {
            return HTTPProblem(.notFound, "Services has no endpoint \(request.uri.path)").response
        }
    }
}
