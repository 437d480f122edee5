import ArgumentParser
import CorralOperatorCommands

/// `corral agent list`: a master's agents.
struct AgentListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a master's agents: ID, address, status, tasks, and resources used/total.",
        discussion: """
            Status is active, inactive (its connection dropped), unreachable, gone (marked by \
            an operator) or recovering (known before the master restarted, not back yet). \
            --json prints a JSON array of objects with the keys id, hostname, port, status, \
            active, tasks, resources and used_resources ({"cpus","gpus","mem","disk",…}).

            \(exitStatusHelp)
            """
    )

    @OptionGroup var options: ListingOptions

    func run() async throws {
        try await options.print("agent list") { AgentLine.lines(of: $0) }
    }
}
