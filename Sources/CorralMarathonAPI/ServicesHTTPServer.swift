import CorralHTTPServer
import CorralMetrics
import CorralServices
import Hummingbird
import Logging

/// Services' HTTP face: Marathon's v2 REST API on its own port (8080 by default).
public struct ServicesHTTPServer: Sendable {
    public struct Configuration: Sendable {
        public var ip = "127.0.0.1"
        /// 0 picks a free port; `onListening` says which.
        public var port = 8080
        /// The master Services is registered with, for `/v2/info`.
        public var master = ""
        public var bodyLimit = 1 << 20
        /// Idle timeout and TLS (`--tls-cert`, `--tls-key`).
        public var transport = ServerTransport()

        /// `--http-credentials`: when set, every request needs them, in `realm`.
        public var authenticator = HTTPAuthenticator.none
        public var realm = "Mesosphere"
        /// What `/metrics/prometheus` exposes besides Services' counts: instruments recorded into it.
        public var metrics = ServerMetrics()

        public init() {}
    }

    let services: ServicesFramework
    let configuration: Configuration
    let logger: Logger

    public init(services: ServicesFramework, configuration: Configuration, logger: Logger) {
        self.services = services
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until the ServiceGroup it runs in shuts down gracefully (answering what is in
    /// flight, ending event streams), or until cancelled. `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let bound = BoundPort()
        let endpoints = MarathonEndpoints(
            services: services,
            info: { [services, configuration] in
                MarathonInfo(frameworkID: await services.frameworkID?.value, leader: "\(configuration.ip):\(await bound.port)", master: configuration.master)
            },
            bodyLimit: configuration.bodyLimit)
        let server = try configuration.transport.builder()
        let application = Application(
            router: MarathonRoutes.router(
                endpoints: endpoints, authenticator: configuration.authenticator, realm: configuration.realm, metrics: configuration.metrics,
                logger: logger),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname(configuration.ip, port: configuration.port), serverName: "corral-services"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                await bound.set(port)
                await onListening(port)
            },
            logger: logger)
        try await application.run()
    }
}

/// The port a server ended up on, known once it listens.
actor BoundPort {
    private(set) var port = 0
    func set(_ port: Int) { self.port = port }
}
