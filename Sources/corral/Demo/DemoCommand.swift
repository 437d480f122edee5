import ArgumentParser
import ConsoleCore
import CorralCluster
import CorralConsole
import CorralJobs
import CorralModel
import CorralServices
import Foundation
import Logging

/// `corral demo`: the console on an embedded cluster with a mixed workload already moving.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The console on an embedded cluster with a small mixed workload, to watch DRF, offers, restarts and schedules at once.",
        discussion: """
            Starts Services with /demo/web (three instances with a health check) and \
            /demo/flaky (crashes every so often, so it restarts and backs off), Jobs with \
            demo-tick every 15 seconds and demo-report after each tick, and a batch framework \
            that bursts six short tasks every 8 seconds. Apps and jobs are kept in the work \
            directory; q quits and stops everything.

            With --tour the demo is a guided tour instead: a caption at the foot of the \
            screen says what to watch and which pane shows it, Space or → goes on, ← goes \
            back. Each step drives the cluster (frameworks, DRF, weights, filters, \
            suppress and revive, health checks and backoff, an agent going away, jobs, \
            replay). Tours are plain files in the tours/ folder beside themes/ \
            (two-level-scheduling.tour tells the format); --tour-file NAME or PATH picks \
            another. A tour runs the shell commands it names, as you: run only tours you \
            trust (the default one is found beside the program, never in the current \
            directory). It runs in WORK-DIR/tour, its apps and jobs starting afresh each time.
            """
    )

    @Option(help: "How many agents to run in this process.")
    var agents: Int = 3

    @OptionGroup var cluster: ClusterOptions

    @OptionGroup var screen: ScreenOptions

    @Flag(name: .customLong("tour"), help: "Walk through the guided tour (tours/two-level-scheduling.tour) instead of the demo's workload.")
    var tour = false

    @Option(
        name: .customLong("tour-file"),
        help: ArgumentHelp("Walk through another tour: a name in the tours/ folder or a file's path (implies --tour).", valueName: "name-or-path"))
    var tourFile: String?

    @OptionGroup(title: "History (for corral replay)")
    var history: HistoryOptions

    func validate() throws {
        try validateAgentCount(agents)
    }

    func run() async throws {
        if let name = tourFile ?? (tour ? TourDirectory.defaultTour : nil) {
            return try await runTour(name)
        }
        try await EmbeddedConsole(cluster: cluster, agents: agents, screen: screen, history: history, logLevel: .info, label: "demo").run { services, jobs, embedded in
            try await DemoWorkload.seed(services: services, jobs: jobs)
            return [{ await DemoBatch().run(transport: embedded.transport) }]
        }
    }
}

extension DemoCommand {
    /// The tour's cluster lives in a folder of its own, and its Services and Jobs keep their
    /// apps and jobs in memory, so that no app or job of an earlier demo (or tour) takes a share
    /// of what it shows.
    private func runTour(_ name: String) async throws {
        let tour: Tour
        do { tour = try TourDirectory.load(name) } catch { throw ValidationError("\(error)") }
        var options = cluster
        options.workDirectory = cluster.workDirectory + "/tour"
        var console = EmbeddedConsole(cluster: options, agents: agents, screen: screen, history: history, logLevel: .info, label: "tour")
        console.tour = tour
        try await console.run()
    }
}

/// The demo's apps and jobs, added unless the store already has them (a second `corral demo`
/// finds them there).
enum DemoWorkload {
    static func seed(services: ServicesFramework, jobs framework: JobsFramework) async throws {
        let existingApps = Set(await services.apps().map(\.id.path))
        for app in apps where !existingApps.contains(app.id) { _ = try await services.create(app) }
        let existingJobs = Set(await framework.jobs().map(\.name))
        for job in jobs where !existingJobs.contains(job.name) { try await framework.put(job) }
    }

    /// A job every 15 seconds (from now) and one that runs after each of its successes.
    static var jobs: [JobDefinition] {
        [
            JobDefinition(name: "demo-tick", command: "echo tick at $(date +%T); sleep 2", schedule: "R//PT15S", cpus: 0.1, mem: 32, disk: 0),
            JobDefinition(name: "demo-report", command: "echo report after the tick; sleep 1", parents: ["demo-tick"], cpus: 0.1, mem: 32, disk: 0),
        ]
    }

    static var apps: [AppDefinition] {
        var web = AppDefinition(id: "/demo/web", cmd: "touch alive; while true; do sleep 5; done", instances: 3)
        web.cpus = 0.2
        web.mem = 32
        web.healthChecks = [.command("test -f alive", gracePeriodSeconds: 5, intervalSeconds: 2, timeoutSeconds: 2)]

        // Crashes after 10–30 s: a restart to watch, and a backoff that grows.
        var flaky = AppDefinition(id: "/demo/flaky", cmd: "sleep $((10 + $$ % 20)); echo 'flaky: giving up' >&2; exit 1", instances: 1)
        flaky.cpus = 0.1
        flaky.mem = 16
        flaky.backoffSeconds = 3
        flaky.backoffFactor = 1.5
        flaky.maxLaunchDelaySeconds = 30
        return [web, flaky]
    }
}
