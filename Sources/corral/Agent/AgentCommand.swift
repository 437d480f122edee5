import ArgumentParser

/// `corral agent`: runs an agent (`run`, the default, so `corral agent --master …` does as it
/// always did), or lists a master's agents.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Run an agent (the default: `corral agent --master HOST:PORT …`), or list a master's agents.",
        discussion: """
            `corral agent [run] --master HOST:PORT [options]` runs an agent in this process; \
            `corral agent run --help` lists its options. `corral agent list` lists the agents of \
            a master (Corral's or Apache Mesos's).
            """,
        subcommands: [AgentRunCommand.self, AgentListCommand.self],
        defaultSubcommand: AgentRunCommand.self
    )
}
