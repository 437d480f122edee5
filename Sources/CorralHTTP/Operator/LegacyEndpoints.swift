import CorralMaster
import CorralModel
import Hummingbird

/// The legacy GET endpoints tools such as the Mesos CLI read: plain JSON, not the proto mapping.
struct LegacyEndpoints: Sendable {
    let master: Master

    /// The answer for `path`, or nil when it is not a legacy endpoint.
    func respond(to request: Request, path: String) async throws(HTTPProblem) -> Response? {
        let endpoint = path.hasPrefix("/master/") ? String(path.dropFirst("/master".count)) : path
        guard Self.paths.contains(endpoint) else { return nil }
        guard request.method == .get || request.method == .head else {
            throw HTTPProblem(.methodNotAllowed, "Expecting a 'GET' request, received '\(request.method)'", headers: [.allow: "GET"])
        }
        let snapshot = await master.snapshot(ordered: false)
        let description = OperatorEndpoint.description(of: snapshot)
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        switch endpoint {
        case "/state", "/state.json":
            return .json(LegacyJSON.state(snapshot, master: description))
        case "/frameworks", "/frameworks.json":
            return .json(LegacyJSON.frameworks(snapshot, frameworkID: query["framework_id"].map { FrameworkID($0) }))
        case "/slaves", "/slaves.json":
            return .json(LegacyJSON.slaves(snapshot, master: description, agentID: query["slave_id"].map { AgentID($0) }))
        case "/tasks", "/tasks.json":
            return .json(LegacyJSON.tasks(snapshot, query: LegacyTaskQuery(parameters: query)))
        case "/version":
            return .json(LegacyJSON.version(description))
        case "/metrics/snapshot":
            return .json(LegacyJSON.metricsSnapshot(snapshot, master: description))
        case "/redirect":
            // This master is always the leader.
            return Response(status: .temporaryRedirect, headers: [.location: "//\(snapshot.masterInfo.hostname):\(snapshot.masterInfo.port)"])
        case "/health":
            return .empty(.ok)
        default:
            return nil
        }
    }

    static let paths: Set<String> = [
        "/state", "/state.json", "/frameworks", "/frameworks.json", "/slaves", "/slaves.json", "/tasks", "/tasks.json",
        "/version", "/metrics/snapshot", "/redirect", "/health",
    ]
}
