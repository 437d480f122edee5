import ArgumentParser
import CorralOperatorCommands

/// `corral task list|log|kill`: tasks of a master, like the Mesos CLI's `mesos task`.
struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "List a master's tasks, read a task's output, kill a task (Corral's master or Apache Mesos's).",
        discussion: """
            A task is named by its ID or by the start of its ID when only one task's ID starts \
            so (--framework narrows the search); an ambiguous name lists the tasks it matches.

            \(exitStatusHelp)
            """,
        subcommands: [TaskListCommand.self, TaskLogCommand.self, TaskKillCommand.self]
    )
}

struct TaskListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List tasks: ID, name, framework, agent, state and resources.",
        discussion: """
            Tasks that have not ended, ordered by ID; --all adds those that ended lately (the \
            master keeps a bounded history). --json prints a JSON array of objects with the \
            keys id, name, framework_id, framework_name, agent_id, agent (host:port), state, \
            role and resources ({"cpus","gpus","mem","disk",…}); what is not known is null.

            \(exitStatusHelp)
            """
    )

    @OptionGroup var options: ListingOptions

    @Flag(help: "Include tasks that have ended.")
    var all = false

    func run() async throws {
        let all = all
        try await options.print("task list") { TaskLine.lines(of: $0, includeCompleted: all) }
    }
}
