import ArgumentParser

@main
struct Corral: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corral",
        abstract: "A Mesos-style cluster manager: a master offers agents' free resources to frameworks by Dominant Resource Fairness; agents run tasks as real processes in cgroups.",
        discussion: """
            Ports default to Mesos's: master 5050, agent 5051. Resources use Mesos's syntax, \
            e.g. "cpus:4;mem:8192;disk:10000;ports:[31000-32000]".
            """,
        subcommands: [
            ConsoleCommand.self, DemoCommand.self, ExecuteCommand.self, MasterCommand.self, AgentCommand.self, TaskCommand.self, FrameworkCommand.self,
            ServicesCommand.self, JobsCommand.self, BenchCommand.self, SimCommand.self, RecordCommand.self, ReplayCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}
