import ArgumentParser
import CorralAgent
import CorralCluster
import CorralExecute
import CorralModel
import CorralOperatorClient
import CorralSDK
import CorralSDKHTTP
import CorralTaskOutput
import Dispatch
import Logging
import UnixSignals

/// `corral execute`: like `mesos-execute`, runs one command as a task on an embedded cluster.
struct ExecuteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute",
        abstract: "Run one command as a task on an embedded cluster, printing its state changes and output.",
        discussion: """
            State changes go to standard error, the task's own output to standard output and \
            standard error. Exits 0 only when the task ends TASK_FINISHED. Ctrl-C (or SIGTERM) \
            kills the task and waits up to 10 s to hear that it ended; a second Ctrl-C, or a \
            master that cannot be reached, stops waiting at once, saying what could not be done.
            """
    )

    @Option(help: "The shell command to run.")
    var command: String

    @Option(help: "The task's name and ID (by default the command's first word).")
    var name: String?

    @Option(help: ArgumentHelp("The user the task runs as on agents that switch users (by default, who runs this).", valueName: "name"))
    var user: String?

    @Option(help: "CPUs for the task.")
    var cpus: Double = 0.1

    @Option(help: "Memory for the task, in MB.")
    var mem: Double = 32

    @Option(help: ArgumentHelp("Run the task on this master over HTTP instead of an embedded cluster.", valueName: "host:port"), transform: parseAddress)
    var master: MasterAddress?

    @Option(help: "How many agents to run in this process (without --master).")
    var agents: Int = 1

    @OptionGroup var cluster: ClusterOptions

    @OptionGroup(title: "Authenticating to a master (with --master)")
    var identity: PrincipalOptions

    @OptionGroup var agentCredentials: AgentCredentialsOption

    @Option(name: .customLong("log-level"), help: "Log level of the cluster's own messages.")
    var logLevel: Logger.Level = .warning

    func validate() throws {
        try validateAgentCount(agents)
        guard !command.allSatisfy(\.isWhitespace) else { throw ValidationError("--command must not be empty") }
        guard cpus > 0 else { throw ValidationError("--cpus must be positive, got \(cpus)") }
        guard mem > 0 else { throw ValidationError("--mem must be positive, got \(mem)") }
        if let name, name.isEmpty || name.contains("/") {
            throw ValidationError("--name must be non-empty and without '/', got '\(name)'")
        }
    }

    var taskName: String {
        if let name { return name }
        let word = command.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? "task"
        return String(word.split(separator: "/").last ?? "task")
    }

    func run() async throws {
        CorralLogging.bootstrap(level: logLevel)
        let logger = Logger(label: "corral.execute")
        let resources = Resources([.scalar("cpus", cpus), .scalar("mem", mem)])
        let description = ExecuteScheduler.TaskDescription(id: TaskID(taskName), name: taskName, command: command, resources: resources, user: user)
        let status: TaskState
        if let master {
            let credential = try identity.credential()
            let client = try identity.client()
            printError("corral execute: master \(master)")
            status = await Self.execute(
                description, transport: HTTPSchedulerTransport(master: master, credential: credential, client: client),
                output: RemoteSandboxReader(
                    master: master, client: client, credential: credential, credentialToAgents: agentCredentials.agentCredentials),
                where: "the master at \(master)")
        } else {
            let embedded = try EmbeddedCluster(configuration: cluster.clusterConfiguration(agents: agents), logger: logger)
            status = try await embedded.running { embedded in
                let agents = await embedded.master.snapshot().agents
                let agentWord = agents.count == 1 ? "agent" : "agents"
                let why = embedded.isolation == IsolationMode.posix.rawValue ? " (\(embedded.isolationReason))" : ""
                printError("corral execute: \(agents.count) \(agentWord), isolation \(embedded.isolation)\(why)")
                guard agents.contains(where: { $0.total.contains(description.resources) }) else {
                    let largest = agents.map(\.total).max { $0.cpus < $1.cpus }.map(\.description) ?? "none"
                    printError("No agent can fit the task (\(description.resources)); the largest has \(largest)")
                    return .error
                }
                return await Self.execute(description, transport: embedded.transport, output: LocalSandboxReader(cluster: embedded))
            }
        }
        if status != .finished { throw ExitCode(1) }
    }

    /// The task run to its end; SIGINT and SIGTERM are counted here rather than by a
    /// ServiceGroup, as the second one means "stop waiting".
    static func execute(
        _ task: ExecuteScheduler.TaskDescription, transport: some SchedulerTransport, output: some SandboxReader, where place: String = "the embedded cluster"
    ) async -> TaskState {
        let interrupts = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        return await ExecuteTask(task: task, place: place, report: printError).run(transport: transport, output: output, interrupts: interrupts)
    }
}
