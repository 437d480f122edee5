import CorralHTTPServer
import CorralMesosJSON
import CorralMetrics
import CorralModel
import Hummingbird

/// The agent's read-only endpoints, as Mesos's agent serves them: `/state` (and
/// `/state.json`), `/flags`, `/monitor/statistics` (and `.json`), `/metrics/snapshot` and
/// `/version`; and `/metrics`, the same metrics in Prometheus's text format. What a principal
/// may not see (`view_frameworks`, `view_tasks`) is left out; the statistics and the metrics
/// need `get_endpoints`, as Mesos's do.
struct AgentStateEndpoints: Sendable {
    let state: @Sendable () async -> AgentState?
    let acls: ACLs
    /// What the agent's instruments recorded, if any, exposed with `/metrics`.
    let metrics: ServerMetrics

    static let paths: Set<String> = [
        "/state", "/state.json", "/flags", "/monitor/statistics", "/monitor/statistics.json", "/metrics/snapshot", "/metrics", "/version",
    ]
    /// Served without authentication, as Mesos serves it.
    static let open: Set<String> = ["/version"]
    /// Mesos's `get_endpoints` ACL covers these.
    static let guarded: Set<String> = ["/monitor/statistics", "/monitor/statistics.json", "/metrics/snapshot", "/metrics"]

    func respond(to request: Request, endpoint: String, principal: String?) async throws(HTTPProblem) -> Response {
        guard request.method == .get || request.method == .head else {
            throw HTTPProblem(.methodNotAllowed, "Expecting a 'GET' request, received '\(request.method)'", headers: [.allow: "GET"])
        }
        if Self.guarded.contains(endpoint), !acls.allows(.getEndpoints, principal: principal, object: endpoint) {
            throw HTTPProblem(.forbidden, "Principal '\(principal ?? "anonymous")' may not GET \(endpoint)")
        }
        let state = ClusterView(acls: acls, principal: principal).filter(try await Self.current(state))
        switch endpoint {
        case "/state", "/state.json":
            return .json(AgentJSON.state(state))
        case "/flags":
            return .json(AgentJSON.flags(state))
        case "/monitor/statistics", "/monitor/statistics.json":
            return .json(AgentJSON.monitorStatistics(state))
        case "/metrics/snapshot":
            return .json(LegacyJSON.metricsSnapshot(AgentMetrics.values(of: state)))
        case "/metrics":
            return .prometheus(metrics.exposition(AgentPrometheus.families(state)))
        default:
            return .json(LegacyJSON.version(VersionInfo(version: state.version)))  // "/version"
        }
    }

    /// The agent's state, or 503 while there is no agent yet (it is still recovering).
    static func current(_ state: @Sendable () async -> AgentState?) async throws(HTTPProblem) -> AgentState {
        guard let current = await state() else { throw HTTPProblem(.serviceUnavailable, "Agent has not finished recovery") }
        return current
    }
}
