import CorralMaster
import CorralModel
import Hummingbird
import Logging

/// Routes each request by its (normalised) path. Anything unknown is a 404, a known path with the
/// wrong method a 405; every refusal carries a message.
struct MasterResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let master: Master
    let scheduler: SchedulerEndpoint
    let operators: OperatorEndpoint
    let legacy: LegacyEndpoints
    let agents: AgentEndpoint
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        do {
            return try await route(request)
        } catch let problem as HTTPProblem {
            logger.debug("refused request", metadata: ["path": "\(request.uri.path)", "status": "\(problem.status.code)", "problem": "\(problem.message)"])
            return problem.response
        }
    }

    private func route(_ request: Request) async throws -> Response {
        let path = request.normalizedPath
        switch path {
        case "/api/v1", "/api/v1/operator":
            return try await operators.respond(to: request)
        case "/api/v1/scheduler":
            return try await scheduler.respond(to: request)
        case "/corral/v1/agent":
            return try await agents.respond(to: request)
        default:
            if let answer = try await legacy.respond(to: request, path: path) { return answer }
            throw HTTPProblem(.notFound, "No such endpoint: \(request.uri.path)")
        }
    }
}
