import ConsoleCore
import CorralJobs
import CorralModel
import CorralSDK
import CorralSDKHTTP
import CorralServices

/// What the console's Services pane reads and asks: Services in this process, or Services (or
/// a Marathon) over its REST API.
protocol ServicesLink: Sendable {
    func rows() async throws -> [ServiceRow]
    func scale(_ id: String, to instances: Int) async throws
    /// Creates the app; returns what to tell the user.
    func create(_ spec: NewAppSpec) async throws -> String
}

/// What the console's Jobs pane reads and asks: Jobs in this process, or Jobs (or a Chronos)
/// over its REST API.
protocol JobsLink: Sendable {
    func rows() async throws -> [JobRow]
    func runNow(_ name: String) async throws
}

/// A framework the console runs itself, on the cluster it shows.
protocol EmbeddedFramework: Sendable {
    func run<Transport: SchedulerTransport>(transport: Transport) async throws
    func stop() async
}

/// Services and Jobs beside the console: the console shows their apps and jobs and carries out
/// its keys on them. On an embedded cluster they run in this process; attached to a remote
/// master the console reads them over their REST APIs when told where (`--services`,
/// `--jobs`). Either may be absent, and then its pane says so.
struct ConsoleFrameworks: Sendable {
    var services: (any ServicesLink)?
    var jobs: (any JobsLink)?
    /// The frameworks to run on the cluster with the console (the embedded ones).
    var embedded: [(name: String, framework: any EmbeddedFramework)] = []

    static let none = ConsoleFrameworks()

    /// Services and Jobs run in this process, beside the console.
    static func embedded(_ services: ServicesFramework, _ jobs: JobsFramework) -> ConsoleFrameworks {
        ConsoleFrameworks(services: services, jobs: jobs, embedded: [("Services", services), ("Jobs", jobs)])
    }

    /// Services and Jobs elsewhere, through their REST APIs.
    /// Services and Jobs over their REST APIs, presenting `credential` when they ask for one.
    static func remote(services: MasterAddress?, jobs: MasterAddress?, credential: Credential? = nil) -> ConsoleFrameworks {
        ConsoleFrameworks(services: services.map { RemoteServices($0, credential: credential) }, jobs: jobs.map { RemoteJobs($0, credential: credential) })
    }

    /// Runs the embedded frameworks until cancelled; one that stops is reported, not fatal.
    func run(transport: some SchedulerTransport, notices: @escaping @Sendable (String, Bool) -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            for (name, framework) in embedded {
                group.addTask {
                    do { try await framework.run(transport: transport) } catch { notices("\(name) stopped: \(error)", true) }
                }
            }
        }
    }

    func stop() async {
        for (_, framework) in embedded { await framework.stop() }
    }

    /// What the Services and Jobs panes show now. A framework that cannot be read (a remote one
    /// that does not answer) shows as not running, and a notice says why, again at every
    /// refresh while it lasts.
    func messages() async -> [ConsoleMessage] {
        var problems: [ConsoleMessage] = []
        func read<Row>(_ name: String, _ rows: () async throws -> [Row]?) async -> [Row]? {
            do { return try await rows() } catch {
                problems.append(.notice("Cannot read \(name): \(error)", isError: true))
                return nil
            }
        }
        let services = await read("Services") { try await self.services?.rows() }
        let jobs = await read("Jobs") { try await self.jobs?.rows() }
        return [.frameworks(services: services, jobs: jobs)] + problems
    }

    /// Carries out a key on Services or Jobs; says what happened.
    func perform(_ effect: ConsoleEffect, notices: @escaping @Sendable (String, Bool) -> Void) async {
        switch effect {
        case .scaleApp(let id, let instances):
            guard let services else { return notices(ConsoleModel.notRunning(.services), true) }
            do { try await services.scale(id, to: instances) } catch { notices("Could not scale \(id): \(error)", true) }
        case .createApp(let spec):
            guard let services else { return notices(ConsoleModel.notRunning(.services), true) }
            do { notices(try await services.create(spec), false) } catch { notices("Could not create \(spec.id): \(error)", true) }
        case .runJob(let name):
            guard let jobs else { return notices(ConsoleModel.notRunning(.jobs), true) }
            do {
                try await jobs.runNow(name)
                notices("Running \(name) now", false)
            } catch {
                notices("Could not run \(name): \(error)", true)
            }
        default:
            break
        }
    }
}

extension ServicesFramework: ServicesLink, EmbeddedFramework {
    func rows() async throws -> [ServiceRow] { apps().map(ServiceRow.init) }

    func scale(_ id: String, to instances: Int) async throws {
        _ = try await scale(try AppID(parsing: id), instances: instances)
    }

    func create(_ spec: NewAppSpec) async throws -> String {
        let app = try await create(AppDefinition(spec))
        return "Created \(app.id) with \(app.wanted) instance\(app.wanted == 1 ? "" : "s")"
    }
}

extension JobsFramework: JobsLink, EmbeddedFramework {
    func rows() async throws -> [JobRow] { jobs().map(JobRow.init) }
}

extension ServiceRow {
    init(_ app: AppSnapshot) {
        let status: ServiceState =
            switch app.status {
            case .running: .running
            case .deploying: .deploying
            case .waiting(let reason): .waiting(reason: reason)
            case .delayed(let seconds): .delayed(seconds: seconds)
            case .suspended: .suspended
            }
        self.init(
            id: app.id.path, running: app.running, healthy: app.hasHealthChecks ? app.healthy : app.running, staged: app.staged,
            wanted: app.wanted, status: status, cpus: app.definition.cpus, mem: app.definition.mem,
            tasks: app.instances.map {
                ServiceTaskRow(
                    taskID: $0.taskID.value, host: $0.site.hostname, state: $0.killing ? "TASK_KILLING" : $0.state.rawValue,
                    healthy: $0.healthy, startedAt: $0.startedAt, version: $0.version)
            },
            deployments: app.deployment.map {
                [DeploymentRow(id: $0.id, steps: "\($0.action.rawValue) \(app.id.path)", currentStep: 1, totalSteps: 1, startedAt: $0.startedAt)]
            } ?? [])
    }
}

extension JobRow {
    init(_ job: JobSummary) {
        let result: ConsoleCore.JobResult =
            switch job.lastResult {
            case .fresh: .never
            case .success: .success
            case .failure: .failure
            }
        self.init(
            name: job.name,
            schedule: job.definition.schedule ?? "after " + job.definition.parents.joined(separator: ", "),
            nextRun: job.nextRun, lastResult: result, running: job.runningTasks.count,
            successCount: job.history.successCount, errorCount: job.history.errorCount, disabled: job.definition.disabled,
            history: job.history.runs.map {
                JobRunRow(
                    taskID: $0.taskID.value, startedAt: $0.startedAt, endedAt: $0.endedAt, state: $0.state.rawValue,
                    message: $0.message ?? $0.exitStatus.map { "exit status \($0)" })
            })
    }
}

extension AppDefinition {
    /// An app from the console's new-app dialog; a health command becomes a COMMAND check.
    init(_ spec: NewAppSpec) {
        self.init(id: spec.id, cmd: spec.command, instances: spec.instances)
        cpus = spec.cpus
        mem = spec.mem
        if let command = spec.healthCommand {
            healthChecks = [.command(command, gracePeriodSeconds: 10, intervalSeconds: 5, timeoutSeconds: 5)]
        }
    }
}
