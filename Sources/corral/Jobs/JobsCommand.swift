import ArgumentParser
import CorralChronosAPI
import CorralJobs
import CorralModel
import Logging

/// `corral jobs`: the Jobs framework (like Chronos) on a master over HTTP, serving Chronos's
/// REST API.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Run Jobs (like Chronos): commands on ISO 8601 schedules or after other jobs, on a master over HTTP.",
        discussion: """
            Registers with the master as the framework "jobs" and serves Chronos's REST API \
            (/v1/scheduler/...), so Chronos clients such as chronos-python work unmodified. \
            Prints 'corral jobs listening on IP:PORT' once it serves (with --port 0, the port \
            chosen). Jobs, their history and the framework ID live in WORK-DIR/jobs.sqlite: \
            restarted with the same --work-dir, Jobs comes back as the same framework with its \
            jobs and counters. SIGINT or SIGTERM stops it without tearing the framework down, so \
            running tasks keep going.
            """
    )

    @OptionGroup var server: FrameworkServerOptions

    @Option(help: "Port of the REST API; 0 picks a free one.")
    var port = 4400

    @Option(name: .customLong("work-dir"), help: ArgumentHelp("Where Jobs keeps its store.", valueName: "dir"))
    var workDirectory = "/tmp/corral-jobs"

    func validate() throws {
        try validatePort(port)
        guard !workDirectory.isEmpty else { throw ValidationError("--work-dir must not be empty") }
    }

    func run() async throws {
        CorralLogging.bootstrap(level: server.logLevel)
        let logger = Logger(label: "corral.jobs")
        let store: JobsStore
        let jobs: JobsFramework
        do {
            store = try JobsStore(workDirectory: workDirectory)
            jobs = try JobsFramework(store: store, reconciliation: server.reconciliation, logger: logger)
        } catch {
            printError("corral jobs: cannot open the store in \(workDirectory): \(error)")
            throw ExitCode(1)
        }
        var httpConfiguration = JobsHTTPServer.Configuration()
        httpConfiguration.ip = server.ip
        httpConfiguration.port = port
        httpConfiguration.authenticator = server.restAuthenticator
        httpConfiguration.realm = server.httpRealm
        httpConfiguration.transport = server.tls.transport
        let http = JobsHTTPServer(jobs: jobs, configuration: httpConfiguration, logger: logger)
        let transport = try server.transport(logger: logger)
        try await FrameworkProcess.run(
            name: "jobs", ip: server.ip, port: port, authenticated: server.httpCredentials != nil, logger: logger,
            framework: { try await jobs.run(transport: transport) },
            server: { onListening in try await http.run(onListening: onListening) },
            stop: { await jobs.stop() })
    }
}
