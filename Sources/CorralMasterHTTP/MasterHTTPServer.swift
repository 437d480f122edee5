import CorralHTTPServer
import CorralMaster
import CorralMetrics
import CorralModel
import Hummingbird
import Logging
import NIOCore

/// The master's HTTP face: Mesos's v1 scheduler and operator APIs, the legacy endpoints, and
/// Corral's agent protocol, on one port with HTTP/1.1 keep-alive.
public struct MasterHTTPServer: Sendable {
    public struct Configuration: Sendable {
        public var ip = "127.0.0.1"
        /// 0 picks a free port; `onListening` says which.
        public var port = 5050
        public var heartbeatInterval = 15.0
        /// Larger request bodies get a 413.
        public var bodyLimit = 8 << 20
        /// Idle timeout and TLS (`--tls-cert`, `--tls-key`).
        public var transport = ServerTransport()
        /// Which realms need HTTP Basic credentials, and whose (`--credentials`, `--authenticate-*`).
        public var authenticator = HTTPAuthenticator.none
        /// Connections the kernel queues before they are accepted. After a failover every agent
        /// knocks at once; a full queue drops their SYNs, and each dropped one costs its agent a
        /// whole second before the retry (Hummingbird's default of 256 did, at 500 at a time).
        /// The kernel caps it at `net.core.somaxconn`.
        public var backlog = 4096
        /// What `/metrics` exposes besides the snapshot's numbers: the instruments the master
        /// records into (give the master its `factory`).
        public var metrics = ServerMetrics()

        public init() {}
    }

    let master: Master
    let configuration: Configuration
    let logger: Logger

    public init(master: Master, configuration: Configuration, logger: Logger) {
        self.master = master
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until the ServiceGroup it runs in shuts down gracefully (answering what is in
    /// flight, ending event streams), or until cancelled. `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let acls = await master.configuration.acls
        let agents = AgentEndpoint(master: master, heartbeatInterval: configuration.heartbeatInterval, bodyLimit: configuration.bodyLimit, logger: logger)
        let router = MasterRoutes.router(
            scheduler: SchedulerEndpoint(master: master, streams: SchedulerStreams(), heartbeatInterval: configuration.heartbeatInterval, bodyLimit: configuration.bodyLimit),
            operators: OperatorEndpoint(master: master, acls: acls, heartbeatInterval: configuration.heartbeatInterval, bodyLimit: configuration.bodyLimit),
            legacy: LegacyEndpoints(master: master, acls: acls, metrics: configuration.metrics),
            agents: agents,
            explain: ExplainEndpoint(master: master, acls: acls),
            authenticator: configuration.authenticator,
            logger: logger)
        // An agent's registration opens its connection: answered on the event loop.
        let (authenticator, readTimeout) = (configuration.authenticator, configuration.transport.idleTimeout)
        let split = RequestLineSplit(prefix: "POST \(AgentEndpoint.registerPath) ") {
            AgentStreamHandler(endpoint: agents, authenticator: authenticator, readTimeout: readTimeout)
        }
        let server = try configuration.transport.builder(split: split)
        let application = Application(
            responder: router.buildResponder(),
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.ip, port: configuration.port), serverName: "corral", backlog: configuration.backlog),
            onServerRunning: { [master] channel in
                let port = channel.localAddress?.port ?? 0
                await master.listening(port: port)
                await onListening(port)
            },
            logger: logger)
        try await application.run()
    }
}
