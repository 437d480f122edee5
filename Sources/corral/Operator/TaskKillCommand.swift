import ArgumentParser
import CorralModel
import CorralOperatorCommands

/// `corral task kill TASK`: an operator's kill, which Corral's master takes (KILL_TASK) and
/// Apache Mesos's operator API has no call for.
struct TaskKillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kill",
        abstract: "Kill a task, and wait for it to end.",
        discussion: """
            Corral's master kills the task as its framework would (the framework hears \
            TASK_KILLED); with authentication on, the principal must be allowed to tear the \
            framework down (the teardown_frameworks ACL). Apache Mesos's operator API cannot \
            kill a task: against it this says so and exits 5. A task that had already ended is \
            reported, with status 0.

            \(exitStatusHelp)
            """
    )

    @Argument(help: "The task's ID, or the start of it (among tasks that have not ended first).")
    var task: String

    @Option(help: ArgumentHelp("Only tasks of this framework (its ID, the start of it, or its name).", valueName: "framework"))
    var framework: String?

    @Option(help: ArgumentHelp("How long to wait for the task to end before giving up (status 1).", valueName: "seconds"))
    var timeout = 30.0

    @Flag(name: .customLong("no-wait"), help: "Return once the master has taken the kill.")
    var noWait = false

    @OptionGroup var remote: RemoteMasterOptions

    func validate() throws {
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds, got \(timeout)") }
    }

    func run() async throws {
        let session = try remote.session()
        try await againstMaster("task kill") { () async throws(OperatorCommandError) in
            let found = try session.task(task, framework: framework, in: try await session.snapshot(), preferringLive: true)
            let wait: Duration? = noWait ? nil : .clampedSeconds(timeout)
            switch try await session.kill(found, wait: wait) {
            case .ended(let state):
                printOutput("task \(found.id) killed (\(state?.rawValue ?? "no longer listed"))\n")
            case .sent:
                printOutput("task \(found.id): kill sent\n")
            case .alreadyEnded(let state):
                printOutput("task \(found.id) had already ended (\(state.rawValue))\n")
            }
        }
    }
}
