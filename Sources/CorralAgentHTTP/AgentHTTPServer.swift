import CorralHTTPServer
import CorralMetrics
import CorralModel
import Hummingbird
import Logging

/// An agent's own small HTTP face: `/files/read` for task sandboxes (Mesos's files API, so a
/// remote console or `corral execute --master` can follow a task's output) and `/health`.
public struct AgentHTTPServer: Sendable {
    public let ip: String
    public let port: Int
    let workDirectory: String
    let agentID: @Sendable () async -> AgentID?
    let logger: Logger
    /// Idle timeout and TLS (`--tls-cert`, `--tls-key`).
    public var transport = ServerTransport()
    /// `--http-credentials` with `--authenticate-http-readonly`: who may read sandboxes at all.
    public var authenticator = HTTPAuthenticator.none
    /// `--acls`: `access_sandboxes`, by the user the task runs as.
    public var acls = ACLs.allowAll
    /// What `/metrics` reads (nil until the agent exists), and the registry it exposes with it.
    public var metricsReading: @Sendable () async -> AgentMetricsReading? = { nil }
    public var metrics = ServerMetrics()

    public init(ip: String, port: Int, workDirectory: String, agentID: @escaping @Sendable () async -> AgentID?, logger: Logger) {
        self.ip = ip
        self.port = port
        self.workDirectory = workDirectory
        self.agentID = agentID
        self.logger = logger
    }

    /// Serves until the ServiceGroup it runs in shuts down gracefully, or until cancelled.
    public func run(onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let files = AgentFilesResponder(
            workDirectory: workDirectory, agentID: agentID, authenticator: authenticator, acls: acls,
            prometheus: AgentPrometheusEndpoint(reading: metricsReading, metrics: metrics, authenticator: authenticator, acls: acls))
        let application = Application(
            responder: files, server: try transport.builder(), configuration: ApplicationConfiguration(address: .hostname(ip, port: port), serverName: "corral-agent"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) }, logger: logger)
        try await application.run()
    }
}
