import ArgumentParser
import CorralCluster
import CorralHTTPServer
import CorralMaster
import CorralMasterHTTP
import CorralMetrics
import CorralModel
import CorralRegistry
import Logging

/// `corral master`: a master on the network, speaking Mesos's v1 HTTP APIs.
struct MasterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "master",
        abstract: "Run a master that frameworks and agents reach over HTTP (Mesos's v1 APIs).",
        discussion: """
            Prints 'corral master listening on IP:PORT' once it serves (with --port 0, the port \
            chosen). Frameworks use /api/v1/scheduler, operators /api/v1 and the legacy \
            /master/state; agents join with `corral agent --master IP:PORT`.

            The registry (by default <work-dir>/registry.sqlite) keeps the cluster's ID, the \
            agents admitted, unreachable and gone, and the weights and quotas, each written \
            before anyone is told of it. A master restarted on the same work dir gives the agents \
            it had --agent-reregister-timeout to come back with their tasks; the others become \
            unreachable. Frameworks find out what happened to their tasks by reconciling.

            On a network, turn authentication on: --credentials FILE with \
            --authenticate-frameworks, --authenticate-agents and --authenticate-http-readwrite \
            (and --authenticate-http-readonly to hide the state), and --acls FILE to say which \
            principal may register in which role, run tasks as which user and tear down whom.
            """
    )

    @Option(help: "Address to bind.")
    var ip = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 5050

    @Option(name: .customLong("work-dir"), help: ArgumentHelp("Where the master keeps its files.", valueName: "dir"))
    var workDirectory = "/tmp/corral-master"

    @Option(name: .customLong("heartbeat-interval"), help: ArgumentHelp("Seconds between heartbeats on event streams.", valueName: "seconds"))
    var heartbeatInterval = 15.0

    @Option(name: .customLong("allocation-interval"), help: ArgumentHelp("Seconds between periodic allocation passes.", valueName: "seconds"))
    var allocationInterval = 1.0

    @Option(name: .customLong("offer-timeout"), help: ArgumentHelp("Seconds after which an outstanding offer is rescinded.", valueName: "seconds"))
    var offerTimeout = 60.0

    @Option(name: .customLong("agent-timeout"), help: ArgumentHelp("Seconds of silence after which an agent is unreachable (its tasks TASK_UNREACHABLE, or TASK_LOST for frameworks that are not partition-aware).", valueName: "seconds"))
    var agentTimeout = 30.0

    @Option(help: ArgumentHelp("Where the registry lives: sqlite (<work-dir>/registry.sqlite, kept across restarts) or in-memory (a restart starts a new cluster).", valueName: "sqlite|in-memory"))
    var registry: RegistryKind = .sqlite

    @Option(name: .customLong("agent-reregister-timeout"), help: ArgumentHelp("After a restart, seconds the agents in the registry have to re-register before they are marked unreachable.", valueName: "seconds"))
    var agentReregisterTimeout = 600.0

    @Option(name: .customLong("registry-max-agent-age"), help: ArgumentHelp("Unreachable and gone agents older than this many seconds are forgotten.", valueName: "seconds"))
    var registryMaxAgentAge = 14 * 24 * 3600.0

    @Option(name: .customLong("registry-max-agent-count"), help: ArgumentHelp("At most this many unreachable (and this many gone) agents are remembered; the oldest are forgotten first.", valueName: "count"))
    var registryMaxAgentCount = 102_400

    @Option(help: ArgumentHelp("Also run this many agents in the master's own process (handy on one host).", valueName: "count"))
    var agents = 0

    @Option(
        name: .customLong("agent-resources"),
        help: ArgumentHelp("Resources of each in-process agent; by default this host's, divided between them.", valueName: "resources"),
        transform: parseResources)
    var agentResources: Resources?

    @OptionGroup(title: "Authentication and authorization")
    var security: MasterSecurityOptions

    @OptionGroup(title: "TLS")
    var tls: TLSServerOptions

    @Option(name: .customLong("log-level"), help: "Log level (to standard error).")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535, got \(port)") }
        guard heartbeatInterval > 0 else { throw ValidationError("--heartbeat-interval must be positive, got \(heartbeatInterval)") }
        guard allocationInterval > 0 else { throw ValidationError("--allocation-interval must be positive, got \(allocationInterval)") }
        guard offerTimeout > 0 else { throw ValidationError("--offer-timeout must be positive, got \(offerTimeout)") }
        guard agentTimeout > 0 else { throw ValidationError("--agent-timeout must be positive, got \(agentTimeout)") }
        guard agents >= 0 else { throw ValidationError("--agents must be 0 or more, got \(agents)") }
        guard agentReregisterTimeout > 0, agentReregisterTimeout.isFinite else {
            throw ValidationError("--agent-reregister-timeout must be a positive number of seconds, got \(agentReregisterTimeout)")
        }
        guard registryMaxAgentAge > 0, registryMaxAgentAge.isFinite else {
            throw ValidationError("--registry-max-agent-age must be a positive number of seconds, got \(registryMaxAgentAge)")
        }
        guard registryMaxAgentCount >= 0 else { throw ValidationError("--registry-max-agent-count must be 0 or more, got \(registryMaxAgentCount)") }
    }

    func run() async throws {
        CorralLogging.bootstrap(level: logLevel)
        let logger = Logger(label: "corral.master")
        let authenticator: HTTPAuthenticator
        let acls: ACLs
        do {
            authenticator = try security.authenticator()
            acls = try security.accessControl()
        } catch {
            printError("corral master: \(error)")
            throw ExitCode(2)
        }
        warnIfOpenToTheNetwork(
            "master", ip: ip,
            authenticated: security.authenticateFrameworks && security.authenticateAgents && security.authenticateHTTPReadwrite)
        // `/metrics` shows what the master's instruments record, besides its snapshot's numbers.
        let metrics = ServerMetrics()
        var configuration = try clusterConfiguration(acls: acls)
        configuration.masterMetrics = metrics.factory
        let cluster = try EmbeddedCluster(configuration: configuration, logger: logger)
        var server = MasterHTTPServer.Configuration()
        server.metrics = metrics
        server.ip = ip
        server.port = port
        server.heartbeatInterval = heartbeatInterval
        server.authenticator = authenticator
        server.transport = tls.transport
        let http = MasterHTTPServer(master: cluster.master, configuration: server, logger: logger)
        // The server stops first (no new calls, event streams ended), then the master.
        try await ProcessLifecycle.run("master", [
            LongRunningService(description: "master") { await cluster.run() },
            HTTPServerService(command: "master", ip: ip, port: port, scheme: tls.transport.isTLS ? "https://" : "") { onListening in
                try await http.run(onListening: onListening)
            },
        ], logger: logger)
    }

    /// The master (and any in-process agents) as the flags say, with its registry open.
    private func clusterConfiguration(acls: ACLs) throws -> EmbeddedCluster.Configuration {
        var configuration = EmbeddedCluster.Configuration(workDirectory: workDirectory)
        configuration.master.acls = acls
        configuration.agentCount = agents
        configuration.agentResources = agentResources
        configuration.master.hostname = ip
        configuration.master.port = port
        configuration.master.heartbeatInterval = heartbeatInterval
        configuration.master.allocationInterval = .clampedSeconds(allocationInterval)
        configuration.master.offerTimeout = .clampedSeconds(offerTimeout)
        // Agents in this process never fall silent; those on the network may.
        configuration.master.agentTimeout = .clampedSeconds(agentTimeout)
        configuration.master.agentReregisterTimeout = .clampedSeconds(agentReregisterTimeout)
        configuration.master.registryMaxAgentAge = .clampedSeconds(registryMaxAgentAge)
        configuration.master.registryMaxAgentCount = registryMaxAgentCount
        if registry == .sqlite {
            do {
                configuration.registry = try SQLiteRegistry(workDirectory: workDirectory)
            } catch {
                printError("corral master: cannot open the registry in \(workDirectory): \(error)")
                throw ExitCode(1)
            }
        }
        return configuration
    }
}

/// `--registry`: where the master keeps what must survive its restarts.
enum RegistryKind: String, ExpressibleByArgument, CaseIterable {
    case sqlite
    case inMemory = "in-memory"
}
