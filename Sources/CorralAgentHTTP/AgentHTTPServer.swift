import CorralHTTPServer
import CorralMetrics
import CorralModel
import Hummingbird
import Logging

/// An agent's own HTTP face, as Mesos's agent has one: its state (`/state`, the v1 operator
/// API at `/api/v1`, `/monitor/statistics`, `/metrics/snapshot`, `/flags`, `/version`), the
/// files API over task sandboxes (`/files/browse`, `/files/read`, `/files/download`), and
/// `/health`; and `/metrics`, its metrics in Prometheus's text format. A remote console,
/// `corral execute --master`, Mesos's own tools and Prometheus read it.
public struct AgentHTTPServer: Sendable {
    public let ip: String
    public let port: Int
    let workDirectory: String
    let agentID: @Sendable () async -> AgentID?
    let state: @Sendable () async -> AgentState?
    let logger: Logger
    /// Idle timeout and TLS (`--tls-cert`, `--tls-key`).
    public var transport = ServerTransport()
    /// `--http-credentials` with `--authenticate-http-readonly`: who may read the agent at all.
    public var authenticator = HTTPAuthenticator.none
    /// `--acls`: `access_sandboxes` by the user a task runs as, `view_frameworks` and
    /// `view_tasks` likewise, `get_endpoints` for the statistics and metrics.
    public var acls = ACLs.allowAll
    /// The registry `/metrics` exposes beside what it reads from `state`.
    public var metrics = ServerMetrics()
    /// Larger request bodies (of `/api/v1` calls) get a 413.
    public var bodyLimit = 1 << 20

    /// `state` is nil until the agent exists (its endpoints answer 503 until then).
    public init(
        ip: String, port: Int, workDirectory: String, agentID: @escaping @Sendable () async -> AgentID?,
        state: @escaping @Sendable () async -> AgentState? = { nil }, logger: Logger
    ) {
        self.ip = ip
        self.port = port
        self.workDirectory = workDirectory
        self.agentID = agentID
        self.state = state
        self.logger = logger
    }

    /// Serves until the ServiceGroup it runs in shuts down gracefully, or until cancelled.
    public func run(onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let router = AgentRoutes.router(
            files: AgentFilesEndpoint(workDirectory: workDirectory, agentID: agentID, acls: acls),
            states: AgentStateEndpoints(state: state, acls: acls, metrics: metrics),
            operators: AgentOperatorEndpoint(state: state, acls: acls, bodyLimit: bodyLimit),
            authenticator: authenticator, logger: logger)
        let application = Application(
            responder: router.buildResponder(), server: try transport.builder(), configuration: ApplicationConfiguration(address: .hostname(ip, port: port), serverName: "corral-agent"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) }, logger: logger)
        try await application.run()
    }
}
