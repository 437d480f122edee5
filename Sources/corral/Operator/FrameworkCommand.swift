import ArgumentParser
import CorralOperatorCommands

/// `corral framework list`: a master's frameworks.
struct FrameworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "framework",
        abstract: "List a master's frameworks (Corral's master or Apache Mesos's).",
        subcommands: [FrameworkListCommand.self]
    )
}

struct FrameworkListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List frameworks: ID, name, roles, status, tasks, and the resources their tasks hold.",
        discussion: """
            Status is active, inactive (its scheduler is not connected; its tasks run on for \
            its failover timeout) or recovered (known from an agent after a master restart). \
            --json prints a JSON array of objects with the keys id, name, roles, status, \
            active, connected, tasks and used_resources ({"cpus","gpus","mem","disk",…}).

            \(exitStatusHelp)
            """
    )

    @OptionGroup var options: ListingOptions

    func run() async throws {
        try await options.print("framework list") { FrameworkLine.lines(of: $0) }
    }
}
