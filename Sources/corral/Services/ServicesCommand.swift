import ArgumentParser
import CorralHTTP
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
            WORK-DIR/services.sqlite: restarted, Services re-attaches to its running tasks. \
            Try: curl -X POST -H 'Content-Type: application/json' IP:PORT/v2/apps \
            -d '{"id": "/web", "cmd": "python3 -m http.server $PORT0", "instances": 2, "portDefinitions": [{"port": 0}]}'
            """
    )

    @Option(help: ArgumentHelp("The master to run on.", valueName: "host:port"), transform: { text in
        do { return try MasterAddress(parsing: text) } catch { throw ValidationError("\(error)") }
    })
    var master: MasterAddress

    @Option(help: "Address to bind the REST API to.")
    var ip = "127.0.0.1"

    @Option(help: "Port of the REST API; 0 picks a free one.")
    var port = 8080

    @Option(name: .customLong("work-dir"), help: ArgumentHelp("Where Services keeps its SQLite store.", valueName: "dir"))
    var workDirectory = "/tmp/corral-services"

    @Option(name: .customLong("log-level"), help: "Log level (to standard error).")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535, got \(port)") }
    }

    func run() async throws {
        CorralLogging.bootstrap(level: logLevel)
        let logger = Logger(label: "corral.services")
        let services: ServicesFramework
        do {
            services = try ServicesFramework(store: try ServicesStore(workDirectory: workDirectory), logger: logger)
        } catch {
            throw ValidationError("cannot open the store in \(workDirectory): \(error)")
        }
        var server = ServicesHTTPServer.Configuration()
        server.ip = ip
        server.port = port
        server.master = master.description
        let http = ServicesHTTPServer(services: services, configuration: server, logger: logger)
        try await FrameworkProcess.run(
            name: "services", ip: ip, port: port,
            framework: { try await services.run(transport: HTTPSchedulerTransport(master: master, logger: logger)) },
            server: { onListening in try await http.run(onListening: onListening) },
            stop: { await services.stop() })
    }
}
