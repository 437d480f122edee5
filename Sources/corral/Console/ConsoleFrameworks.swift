import ArgumentParser
import ConsoleCore
import Logging
import CorralJobs
import CorralModel
import CorralSDK
import CorralServices

/// Services and Jobs beside the console on the same cluster: they run as frameworks of their
/// own, the console shows their apps and jobs and carries out its keys on them. Either may be
/// absent (a console attached to a remote master), and then its pane says so.
struct ConsoleFrameworks: Sendable {
    var services: ServicesFramework?
    var jobs: JobsFramework?

    static let none = ConsoleFrameworks()

    /// Services and Jobs for an embedded cluster, their stores in the work directory, so that
    /// apps, jobs and their history outlive the cluster.
    static func embedded(workDirectory: String) throws -> ConsoleFrameworks {
        do {
            let services = try ServicesFramework(store: try ServicesStore(workDirectory: workDirectory), logger: Logger(label: "corral.services"))
            let jobs = try JobsFramework(store: try JobsStore(workDirectory: workDirectory), logger: Logger(label: "corral.jobs"))
            return ConsoleFrameworks(services: services, jobs: jobs)
        } catch {
            throw ValidationError("cannot open the Services and Jobs stores in \(workDirectory): \(error)")
        }
    }

    /// Runs the frameworks until cancelled; one that stops is reported, not fatal.
    func run(transport: some SchedulerTransport, notices: @escaping @Sendable (String, Bool) -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            if let services {
                group.addTask {
                    do { try await services.run(transport: transport) } catch { notices("Services stopped: \(error)", true) }
                }
            }
            if let jobs {
                group.addTask {
                    do { try await jobs.run(transport: transport) } catch { notices("Jobs stopped: \(error)", true) }
                }
            }
        }
    }

    func stop() async {
        await services?.stop()
        await jobs?.stop()
    }

    /// What the Services and Jobs panes show now.
    func message() async -> ConsoleMessage {
        var services: [ServiceRow]?
        if let framework = self.services { services = await framework.apps().map(ServiceRow.init) }
        var jobs: [JobRow]?
        if let framework = self.jobs { jobs = await framework.jobs().map(JobRow.init) }
        return .frameworks(services: services, jobs: jobs)
    }

    /// Carries out a key on Services or Jobs; says what happened.
    func perform(_ effect: ConsoleEffect, notices: @escaping @Sendable (String, Bool) -> Void) async {
        switch effect {
        case .scaleApp(let id, let instances):
            guard let services else { return notices(ConsoleModel.notRunning(.services), true) }
            do {
                _ = try await services.scale(try AppID(parsing: id), instances: instances)
            } catch {
                notices("Could not scale \(id): \(error)", true)
            }
        case .createApp(let spec):
            guard let services else { return notices(ConsoleModel.notRunning(.services), true) }
            do {
                let app = try await services.create(AppDefinition(spec))
                notices("Created \(app.id) with \(app.wanted) instance\(app.wanted == 1 ? "" : "s")", false)
            } catch {
                notices("Could not create \(spec.id): \(error)", true)
            }
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
            var check = HealthCheck()
            check.protocol = "COMMAND"
            check.command = .init(value: command)
            check.gracePeriodSeconds = 10
            check.intervalSeconds = 5
            check.timeoutSeconds = 5
            healthChecks = [check]
        }
    }
}
