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
        switch request.normalizedPath {
        case "/api/v1/scheduler":
            return try await scheduler.respond(to: request)
        case "/corral/v1/agent":
            return try await agents.respond(to: request)
        case "/version":
            try requireGet(request)
            return .json(Array(#"{"version":"\#(await master.info.version)","build_date":"","build_time":0,"build_user":"corral","git_sha":""}"#.utf8))
        case "/health", "/master/health":
            try requireGet(request)
            return .empty(.ok)
        default:
            throw HTTPProblem(.notFound, "No such endpoint: \(request.uri.path)")
        }
    }

    private func requireGet(_ request: Request) throws(HTTPProblem) {
        guard request.method == .get || request.method == .head else {
            throw HTTPProblem(.methodNotAllowed, "Expecting a 'GET' request, received '\(request.method)'", headers: [.allow: "GET"])
        }
    }
}
