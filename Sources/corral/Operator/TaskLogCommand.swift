import ArgumentParser
import CorralOperatorCommands

#if canImport(Glibc)
import Glibc
#endif

/// `corral task log TASK`: a task's stdout or stderr, from its agent's sandbox.
struct TaskLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print a task's stdout (or stderr) from its sandbox on its agent.",
        discussion: """
            Reads the file through the agent's files API (/files/read), the agent found through \
            the master. --follow prints what the task writes as it writes it, until the task \
            has ended (then the rest of the file), Ctrl-C or SIGTERM. The --principal \
            credential goes to the master only, unless --agent-credentials.

            \(exitStatusHelp)
            """
    )

    @Argument(help: "The task's ID, or the start of it.")
    var task: String

    @Option(help: ArgumentHelp("Only tasks of this framework (its ID, the start of it, or its name).", valueName: "framework"))
    var framework: String?

    @Flag(help: "The task's stderr instead of its stdout.")
    var stderr = false

    @Flag(name: [.short, .long], help: "Keep printing what the task writes until it ends.")
    var follow = false

    @OptionGroup var remote: RemoteMasterOptions

    @OptionGroup var agentCredentials: AgentCredentialsOption

    func run() async throws {
        let session = try remote.session(credentialToAgents: agentCredentials.agentCredentials)
        try await againstMaster("task log") { () async throws(OperatorCommandError) in
            let found = try session.task(task, framework: framework, in: try await session.snapshot())
            try await session.copyLog(of: found, stderr: stderr, follow: follow, to: STDOUT_FILENO)
        }
    }
}
