import ArgumentParser
import ConsoleCore
import CorralCluster
import CorralConsole
import CorralConsoleFrameworks
import CorralConsoleSources
import CorralJobs
import CorralServices
import Logging

/// The console on a cluster in this process, with Services and Jobs beside it, their stores in
/// the work directory so that apps, jobs and their history outlive the cluster: what
/// `corral console` and `corral demo` run.
struct EmbeddedConsole {
    let cluster: ClusterOptions
    let agents: Int
    let screen: ScreenOptions
    let history: HistoryOptions
    let logLevel: Logger.Level
    /// How the header names the cluster: "embedded", "demo".
    let label: String
    /// A guided tour to walk through (`corral demo --tour`): its agents make the cluster, and
    /// its Services and Jobs keep nothing (every tour starts from an empty slate).
    var tour: Tour? = nil

    /// `prepare` may add work (it gets the frameworks and the cluster) before the console starts;
    /// what it returns runs beside the console.
    func run(
        prepare: (ServicesFramework, JobsFramework, EmbeddedCluster) async throws -> [@Sendable () async -> Void] = { _, _, _ in [] }
    ) async throws {
        let (catalog, theme) = try screen.themes()
        let workDirectory = cluster.workDirectory
        // The console owns the terminal: logs go to a file, set up before anything logs.
        try EmbeddedCluster.makeDirectory(workDirectory)
        CorralLogging.bootstrap(file: workDirectory + "/corral.log", level: logLevel)
        var configuration = cluster.clusterConfiguration(agents: agents)
        if let tour, !tour.agents.isEmpty { configuration.resourcesOfEachAgent = tour.agents }
        let embedded = try EmbeddedCluster(configuration: configuration, logger: Logger(label: "corral"))
        let services: ServicesFramework
        let jobs: JobsFramework
        do {
            let keeps = tour == nil
            services = try ServicesFramework(
                store: try keeps ? ServicesStore(workDirectory: workDirectory) : ServicesStore(path: nil), logger: Logger(label: "corral.services"))
            jobs = try JobsFramework(store: try keeps ? JobsStore(workDirectory: workDirectory) : JobsStore(path: nil), logger: Logger(label: "corral.jobs"))
        } catch {
            throw ValidationError("cannot open the Services and Jobs stores in \(workDirectory): \(error)")
        }
        var session = ConsoleSession(
            cluster: EmbeddedSource(cluster: embedded), catalog: catalog, initialTheme: theme, refreshInterval: screen.refresh,
            source: "\(label) · \(embedded.agents.count) agent\(embedded.agents.count == 1 ? "" : "s")")
        session.frameworks = .embedded(services, jobs)
        session.screenDirectory = workDirectory
        session.history = history.writer(workDirectory: workDirectory)
        session.companions = try await prepare(services, jobs, embedded)
        if let tour { session.tour = (tour, TourDirector.embedded(embedded, services: services, jobs: jobs)) }
        // The console is the last part, so it is the first to stop and the cluster stops after
        // it (every task killed). The terminal's handlers take the signals (see ProcessLifecycle).
        try await ProcessLifecycle.run("console", [
            LongRunningService(description: "embedded cluster") { await embedded.run() },
            LongRunningService(description: "console") { [session] in
                await embedded.waitUntilReady()
                try await session.run()
            },
        ], signals: [], logger: Logger(label: "corral"))
    }
}
