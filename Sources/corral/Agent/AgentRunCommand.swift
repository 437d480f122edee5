import ArgumentParser
import AsyncHTTPClient
import CorralAgent
import CorralAgentHTTP
import CorralCluster
import CorralHTTPServer
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import Logging
import ServiceLifecycle
import UnixSignals

/// `corral agent [run]`: runs tasks for a master on another process or host.
struct AgentRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an agent that registers with a master over HTTP and runs its tasks (what `corral agent` alone does).",
        discussion: """
            Prints 'corral agent listening on IP:PORT' once its own endpoints serve (Mesos's \
            agent endpoints: /state, /api/v1, /files/*, /monitor/statistics, /metrics/snapshot; and \
            /metrics, in Prometheus's text format), \
            then registers. If the master goes away the agent keeps its tasks and \
            registers again when it can.

            Every task runs under a supervisor of its own (corral-supervisor, beside corral), so \
            tasks outlive the agent. The agent checkpoints its ID, its tasks and their status \
            updates in <work-dir>/meta. Ctrl-C or SIGTERM stops the agent and leaves its tasks \
            running; started again on the same work dir it re-registers with the same ID, takes \
            over the tasks that still run and reports how the others ended (--recover cleanup \
            kills them instead). SIGUSR1 drains it: its tasks are killed, their ends delivered, \
            and it unregisters and exits. After a reboot nothing is recovered.
            """
    )

    @Option(help: ArgumentHelp("The master to join.", valueName: "host:port"), transform: parseAddress)
    var master: MasterAddress

    @Option(help: "Address to bind (and to tell the master).")
    var ip = "127.0.0.1"

    @Option(help: "Port of the agent's own endpoint; 0 picks a free one.")
    var port = 5051

    @Option(help: ArgumentHelp("This agent's resources, in Mesos's syntax; by default detected from the host.", valueName: "resources"), transform: parseResources)
    var resources: Resources?

    @Option(help: ArgumentHelp("Attributes for placement constraints, e.g. rack:r1;zone:a.", valueName: "attributes"))
    var attributes: String?

    var parsedAttributes: [Attribute] { (try? Attribute.parseList(attributes ?? "")) ?? [] }

    @Option(name: .customLong("work-dir"), help: ArgumentHelp("Where task sandboxes live.", valueName: "dir"))
    var workDirectory = "/tmp/corral-agent"

    @Option(help: ArgumentHelp("Task isolation: auto (cgroups where writable, else posix), cgroups, or posix.", valueName: "auto|cgroups|posix"))
    var isolation: IsolationRequest = .auto

    @Option(help: ArgumentHelp("What to do with the tasks the checkpoint names: reconnect (take over those still running) or cleanup (kill them and start clean).", valueName: "reconnect|cleanup"))
    var recover: AgentConfiguration.Recovery = .reconnect

    @Option(name: .customLong("drain-timeout"), help: ArgumentHelp("When draining (SIGUSR1), how long to wait for the tasks' ends to be acknowledged before unregistering anyway.", valueName: "seconds"))
    var drainTimeout = 30.0

    @Flag(inversion: .prefixedNo, help: "Run each task as its user (the command's user, else its framework's), as Mesos's --switch_user; an unknown user fails the task. Off: tasks run as the agent's user.")
    var switchUser = true

    @Option(help: ArgumentHelp(
        "Credential to present to a master that authenticates agents: {\"principal\":…,\"secret\":…} or one line 'principal secret'.",
        valueName: "file"))
    var credential: String?

    @Option(name: .customLong("http-credentials"), help: ArgumentHelp("Credentials the agent's own endpoint accepts (same format as the master's --credentials).", valueName: "file"))
    var httpCredentials: String?

    @Flag(name: .customLong("authenticate-http-readonly"), help: "Reading the agent (/state, /api/v1, /files/*, /monitor/statistics, /metrics/snapshot, /metrics) needs credentials from --http-credentials.")
    var authenticateHTTPReadonly = false

    @Option(help: ArgumentHelp("Access control lists (Mesos's acls.proto JSON): access_sandboxes, view_frameworks and view_tasks by the user a task runs as; get_endpoints.", valueName: "file"))
    var acls: String?

    @Option(name: .customLong("gc-delay"), help: ArgumentHelp("Remove the sandbox of an ended task this many seconds after it last changed (sooner as the disk fills); Mesos's default is a week.", valueName: "seconds"))
    var gcDelay = 7 * 24 * 3600.0

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM certificates to trust, besides the system's, for a master on https://.", valueName: "file"))
    var caFile: String?

    @OptionGroup(title: "TLS of the agent's own endpoint")
    var tls: TLSServerOptions

    @Option(name: .customLong("log-level"), help: "Log level (to standard error).")
    var logLevel: Logger.Level = .info

    func validate() throws {
        if let attributes {
            do { _ = try Attribute.parseList(attributes) } catch { throw ValidationError("\(error)") }
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535, got \(port)") }
        if authenticateHTTPReadonly, httpCredentials == nil {
            throw ValidationError("--authenticate-http-readonly needs --http-credentials FILE: there is nobody to authenticate against")
        }
        guard gcDelay >= 0, gcDelay.isFinite else { throw ValidationError("--gc-delay must be a number of seconds, 0 or more, got \(gcDelay)") }
        guard drainTimeout >= 0, drainTimeout.isFinite else { throw ValidationError("--drain-timeout must be a number of seconds, 0 or more, got \(drainTimeout)") }
    }

    func run() async throws {
        CorralLogging.bootstrap(level: logLevel)
        let logger = Logger(label: "corral.agent")
        let presented = try presentedCredential()
        try EmbeddedCluster.makeDirectory(workDirectory)
        let holder = AgentHolder()
        let server = try agentServer(holder: holder, logger: logger)
        warnIfOpenToTheNetwork("agent", ip: ip, authenticated: authenticateHTTPReadonly)
        let client: HTTPClient
        do { client = try HTTPClients.client(caFile: caFile) } catch {
            printError("corral agent: \(error)")
            throw ExitCode(2)
        }
        let masterLink = HTTPMasterLink(master: master, credential: presented, client: client, logger: logger)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let options = self
        // The agent's endpoints stop first, then the agent, which leaves its tasks running (a
        // drain, SIGUSR1, ends the agent itself, and so the process).
        try await ProcessLifecycle.run("agent", [
            LongRunningService(description: "agent") {
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { return }
                try await options.runAgent(port: port, master: masterLink, holder: holder, logger: logger)
            },
            AgentDrainSignal(holder: holder, logger: logger),
            HTTPServerService(
                command: "agent", ip: ip, port: port, serve: { onListening in try await server.run(onListening: onListening) },
                onListening: { portSink.yield($0) }),
        ], logger: logger)
    }

    /// `--credential`, read.
    private func presentedCredential() throws -> Credential? {
        guard let credential else { return nil }
        do {
            return try CredentialsFile.credential(from: try readSecurityFile(credential, flag: "--credential"))
        } catch {
            printError("corral agent: --credential \(credential): \(error)")
            throw ExitCode(2)
        }
    }

    /// The agent's own endpoints, with their credentials and ACLs.
    private func agentServer(holder: AgentHolder, logger: Logger) throws -> AgentHTTPServer {
        var server = AgentHTTPServer(
            ip: ip, port: port, workDirectory: workDirectory, agentID: { await holder.agentID() }, state: { await holder.state() }, logger: logger)
        server.transport = tls.transport
        do {
            if let httpCredentials {
                let accepted = try readCredentials(httpCredentials, flag: "--http-credentials")
                server.authenticator = HTTPAuthenticator(
                    credentials: Credentials(accepted), requiredRealms: authenticateHTTPReadonly ? [MesosRealm.agentReadonly] : [])
            }
            if let acls { server.acls = try ACLs(json: try readSecurityFile(acls, flag: "--acls")) }
        } catch {
            printError("corral agent: \(error)")
            throw ExitCode(2)
        }
        return server
    }

    /// Runs the agent, its endpoint on `port`, until it is cancelled (it then leaves its tasks
    /// running), drained, or refused; says why it failed when it does.
    private func runAgent(port: Int, master: HTTPMasterLink, holder: AgentHolder, logger: Logger) async throws {
        do {
            // The name is the checkpoint's when there is one (it names the agent's cgroups).
            var configuration = AgentConfiguration(
                name: "agent-" + String(UInt32.random(in: 0...UInt32.max), radix: 16), hostname: ip, port: port,
                resources: resources ?? HostResources.detect(workDirectory: workDirectory),
                attributes: parsedAttributes, workDirectory: workDirectory, isolation: isolation)
            configuration.recovery = recover
            configuration.stopping = .leaveTasksRunning
            configuration.drainTimeout = .clampedSeconds(drainTimeout)
            configuration.switchUser = switchUser
            configuration.gcDelay = .clampedSeconds(gcDelay)
            configuration.masterHostname = self.master.host
            let agent = try Agent(configuration: configuration, logger: logger)
            await holder.set(agent)
            logger.info("isolation \(agent.isolation): \(agent.isolationReason)")
            try await agent.run(master: master)
        } catch is CancellationError {
            return
        } catch {
            throw ProcessLifecycle.failed("agent", "\(error)")
        }
    }
}

/// The agent, once it exists, for its endpoints (which start first, to learn its port).
actor AgentHolder {
    private var agent: Agent?
    func set(_ agent: Agent) { self.agent = agent }
    func agentID() async -> AgentID? { await agent?.agentID }
    func state() async -> AgentState? { await agent?.state() }
    func drain() { agent?.drain() }
}

/// SIGUSR1 drains the agent: its tasks are killed, their ends delivered, and it unregisters;
/// then its `run` returns, which ends the process.
struct AgentDrainSignal: Service, CustomStringConvertible {
    let holder: AgentHolder
    let logger: Logger
    var description: String { "SIGUSR1 (drain)" }

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sigusr1)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                logger.info("SIGUSR1: draining: killing every task, delivering their ends, then unregistering")
                await holder.drain()
            }
        }
    }
}

extension AgentConfiguration.Recovery: ExpressibleByArgument {}
