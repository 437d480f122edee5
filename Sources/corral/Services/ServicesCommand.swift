import ArgumentParser
import CorralMarathonAPI
import CorralModel
import CorralServices
import Logging

/// `corral services`: Services (like Marathon) as its own process, a framework of a master on
/// the network, with Marathon's REST API.
struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services",
        abstract: "Run Services (like Marathon): keep long-running apps alive on a master, with Marathon's v2 REST API.",
        discussion: """
            Prints 'corral services listening on IP:PORT' once it serves (with --port 0, the port \
            chosen). Apps, their versions, the tasks launched and the framework ID are kept in \
            WORK-DIR/services.sqlite: restarted, Services re-attaches to its running tasks. After \
            every subscription, and then every --reconciliation-interval, it asks the master about \
            every task; an instance counts as running only once the master has confirmed it. \
            Try: curl -X POST -H 'Content-Type: application/json' IP:PORT/v2/apps \
            -d '{"id": "/web", "cmd": "python3 -m http.server $PORT0", "instances": 2, "portDefinitions": [{"port": 0}]}'
            """
    )

    @OptionGroup var server: FrameworkServerOptions

    @Option(help: "Port of the REST API; 0 picks a free one.")
    var port = 8080

    @Option(name: .customLong("work-dir"), help: ArgumentHelp("Where Services keeps its SQLite store.", valueName: "dir"))
    var workDirectory = "/tmp/corral-services"

    func validate() throws {
        try validatePort(port)
    }

    func run() async throws {
        CorralLogging.bootstrap(level: server.logLevel)
        let logger = Logger(label: "corral.services")
        let services: ServicesFramework
        do {
            services = try ServicesFramework(store: try ServicesStore(workDirectory: workDirectory), reconciliation: server.reconciliation, logger: logger)
        } catch {
            throw ValidationError("cannot open the store in \(workDirectory): \(error)")
        }
        var httpConfiguration = ServicesHTTPServer.Configuration()
        httpConfiguration.ip = server.ip
        httpConfiguration.port = port
        httpConfiguration.authenticator = server.restAuthenticator
        httpConfiguration.realm = server.httpRealm
        httpConfiguration.transport = server.tls.transport
        httpConfiguration.master = server.master.description
        let transport = try server.transport(logger: logger)
        let http = ServicesHTTPServer(services: services, configuration: httpConfiguration, logger: logger)
        try await FrameworkProcess.run(
            name: "services", ip: server.ip, port: port, authenticated: server.httpCredentials != nil, logger: logger,
            framework: { try await services.run(transport: transport) },
            server: { onListening in try await http.run(onListening: onListening) },
            stop: { await services.stop() })
    }
}
