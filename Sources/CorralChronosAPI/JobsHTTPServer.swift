import CorralHTTPServer
import CorralJobs
import CorralMetrics
import Hummingbird
import Logging
import NIOCore

/// Jobs' HTTP face: Chronos's REST API on its own port (4400 by default, as Chronos).
public struct JobsHTTPServer: Sendable {
    public struct Configuration: Sendable {
        public var ip = "127.0.0.1"
        /// 0 picks a free port; `onListening` says which.
        public var port = 4400
        /// Larger request bodies get a 413.
        public var bodyLimit = 1 << 20
        /// Idle timeout and TLS (`--tls-cert`, `--tls-key`).
        public var transport = ServerTransport()

        /// `--http-credentials`: when set, every request needs them, in `realm`.
        public var authenticator = HTTPAuthenticator.none
        public var realm = "Mesosphere"
        /// What `/metrics/prometheus` exposes besides Jobs' counts: instruments recorded into it.
        public var metrics = ServerMetrics()

        public init() {}
    }

    let jobs: JobsFramework
    let configuration: Configuration
    let logger: Logger

    public init(jobs: JobsFramework, configuration: Configuration = Configuration(), logger: Logger) {
        self.jobs = jobs
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until the ServiceGroup it runs in shuts down gracefully (answering what is in
    /// flight, ending event streams), or until cancelled. `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let server = try configuration.transport.builder()
        let application = Application(
            router: ChronosRoutes.router(
                jobs: jobs, bodyLimit: configuration.bodyLimit, authenticator: configuration.authenticator, realm: configuration.realm,
                metrics: configuration.metrics),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(configuration.ip, port: configuration.port), serverName: "corral-jobs"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await application.run()
    }
}
