import ArgumentParser
import ConsoleCore
import CorralAgent
import CorralCluster
import CorralConsole
import CorralConsoleFrameworks
import CorralConsoleSources
import CorralModel
import CorralSDKHTTP
import Logging

/// `corral` and `corral console`: an embedded cluster and the live console on it.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Start an embedded cluster and the live console on it (what `corral` alone does).",
        discussion: """
            The console shows agents, frameworks, offers, tasks and events as they change. Keys: \
            Tab moves between panes, Enter shows details, l launches a task (one no agent can \
            take yet shows WAITING, and w on it says why), x kills the selected one, / filters, s sorts, t switches theme, p pauses, [ and ] change the refresh rate, \
            ? lists every key, q quits (stopping the cluster and its tasks). On an embedded \
            cluster Services and Jobs run too: n creates an app, + and - scale the selected one, \
            r runs the selected job now; their apps, jobs and history are kept in \
            <work-dir>/services.sqlite and jobs.sqlite for the next start. Log lines go to \
            <work-dir>/corral.log, and S saves the screen there as SVG and text; the cluster's history \
            is kept in <work-dir>/history for `corral replay`. Themes are read from the themes/ folder ($CORRAL_THEMES to \
            choose another); NO_COLOR=1 gives the monochrome look.
            """
    )

    @Option(help: ArgumentHelp("Attach to this master over HTTP instead of starting an embedded cluster (works with Apache Mesos masters too).", valueName: "host:port"), transform: parseAddress)
    var master: MasterAddress?

    @Option(help: ArgumentHelp("With --master: Services (or a Marathon) to show in the Services pane, by its REST API.", valueName: "host:port"), transform: parseAddress)
    var services: MasterAddress?

    @Option(help: ArgumentHelp("With --master: Jobs (or a Chronos) to show in the Jobs pane, by its REST API.", valueName: "host:port"), transform: parseAddress)
    var jobs: MasterAddress?

    @Option(name: .customLong("http-credentials"), help: ArgumentHelp("With --services or --jobs: the user:password their --http-credentials ask for.", valueName: "user:password"))
    var httpCredentials: String?

    @Option(help: "How many agents to run in this process (without --master).")
    var agents: Int = 3

    @OptionGroup var cluster: ClusterOptions

    @OptionGroup var screen: ScreenOptions

    @OptionGroup(title: "History (for corral replay)")
    var history: HistoryOptions

    @OptionGroup(title: "Authenticating to a master (with --master)")
    var identity: PrincipalOptions

    @OptionGroup var agentCredentials: AgentCredentialsOption

    @Option(name: .customLong("log-level"), help: "Level of the log written to <work-dir>/corral.log.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        try validateAgentCount(agents)
        if master == nil, services != nil || jobs != nil {
            throw ValidationError("--services and --jobs go with --master; an embedded cluster runs its own Services and Jobs")
        }
        if let httpCredentials, restCredential == nil {
            throw ValidationError("--http-credentials must be user:password (neither empty, no ':' in the password), got '\(httpCredentials)'")
        }
    }

    func run() async throws {
        guard let master else {
            try await EmbeddedConsole(cluster: cluster, agents: agents, screen: screen, history: history, logLevel: logLevel, label: "embedded").run()
            return
        }
        let (catalog, theme) = try screen.themes()
        // The console owns the terminal: logs go to a file, set up before anything logs.
        try EmbeddedCluster.makeDirectory(cluster.workDirectory)
        CorralLogging.bootstrap(file: cluster.workDirectory + "/corral.log", level: logLevel)
        let source = RemoteSource(
            master: master, credential: try identity.credential(), credentialToAgents: agentCredentials.agentCredentials, client: try identity.client())
        var session = ConsoleSession(cluster: source, catalog: catalog, initialTheme: theme, refreshInterval: screen.refresh, source: "master \(master)")
        session.frameworks = .remote(services: services, jobs: jobs, credential: restCredential)
        session.screenDirectory = cluster.workDirectory
        session.history = history.writer(workDirectory: cluster.workDirectory)
        try await session.run()
    }

    /// `--http-credentials` as a credential: user, then a password without ':'.
    var restCredential: Credential? { httpCredentials.flatMap(Credential.init(userColonPassword:)) }
}
