import ConsoleCore
import CorralConsole
import CorralServices

/// Services in this process, as the console's Services pane reads and drives it.
extension ServicesFramework: ServicesLink, EmbeddedFramework {
    public func rows() async throws -> [ServiceRow] { apps().map(ServiceRow.init) }

    public func scale(_ id: String, to instances: Int) async throws {
        _ = try await scale(try AppID(parsing: id), instances: instances)
    }

    public func create(_ spec: NewAppSpec) async throws -> String {
        let app = try await create(AppDefinition(spec))
        return "Created \(app.id) with \(app.wanted) instance\(app.wanted == 1 ? "" : "s")"
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
            } ?? [],
            waitingOn: app.rejections.map { AgentWait(host: $0.hostname, reason: $0.message) })
    }
}

extension AppDefinition {
    /// An app from the console's new-app dialog (or a tour); a health command becomes a COMMAND
    /// check.
    public init(_ spec: NewAppSpec) {
        self.init(id: spec.id, cmd: spec.command, instances: spec.instances)
        cpus = spec.cpus
        mem = spec.mem
        if let command = spec.healthCommand {
            healthChecks = [.command(command, gracePeriodSeconds: 10, intervalSeconds: 5, timeoutSeconds: 5)]
        }
    }
}
