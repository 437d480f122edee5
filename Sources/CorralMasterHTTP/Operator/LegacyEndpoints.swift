import CorralHTTPServer
import CorralMaster
import CorralMesosJSON
import CorralMetrics
import CorralModel
import Hummingbird

/// The legacy GET endpoints tools such as the Mesos CLI read: plain JSON, not the proto mapping;
/// and `/metrics`, the same metrics as `/metrics/snapshot` in Prometheus's text format.
struct LegacyEndpoints: Sendable {
    let master: Master
    let acls: ACLs
    let metrics: ServerMetrics

    /// The answer for `endpoint` (one of `paths`), as `principal` may see it.
    func respond(to request: Request, endpoint: String, principal: String?) async throws(HTTPProblem) -> Response {
        guard request.method == .get || request.method == .head else {
            throw HTTPProblem(.methodNotAllowed, "Expecting a 'GET' request, received '\(request.method)'", headers: [.allow: "GET"])
        }
        if Self.guarded.contains(endpoint), !acls.allows(.getEndpoints, principal: principal, object: endpoint) {
            throw HTTPProblem(.forbidden, "Principal '\(principal ?? "anonymous")' may not GET \(endpoint)")
        }
        var view = ClusterView(acls: acls, principal: principal)
        let snapshot = view.filter(await master.snapshot(ordered: false))
        let description = OperatorEndpoint.description(of: snapshot)
        let query = request.queryDictionary
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
        case "/metrics":
            return .prometheus(metrics.exposition(MasterPrometheus.families(MasterMetrics.values(of: snapshot, master: description))))
        case "/redirect":
            // This master is always the leader.
            return Response(status: .temporaryRedirect, headers: [.location: "//\(snapshot.masterInfo.hostname):\(snapshot.masterInfo.port)"])
        default:
            return .empty(.ok)  // "/health"
        }
    }

    /// Served without authentication, as Mesos serves them.
    static let open: Set<String> = ["/version", "/redirect", "/health"]
    /// Mesos's `get_endpoints` ACL covers these.
    static let guarded: Set<String> = ["/metrics/snapshot", "/metrics"]

    static let paths: Set<String> = [
        "/state", "/state.json", "/frameworks", "/frameworks.json", "/slaves", "/slaves.json", "/tasks", "/tasks.json",
        "/version", "/metrics/snapshot", "/metrics", "/redirect", "/health",
    ]
}
