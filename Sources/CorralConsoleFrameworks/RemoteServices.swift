import ConsoleCore
import CorralConsole
import CorralMarathonAPI
import CorralModel
import CorralSDKHTTP
import CorralServices

/// Services (or a Marathon) over its REST API, for a console attached to a remote master: apps
/// with their tasks, the launch queue (why an app waits, how long its backoff holds it) and the
/// deployments, turned into the Services pane's rows.
public struct RemoteServices: ServicesLink {
    public let client: MarathonClient

    public init(_ address: MasterAddress, credential: Credential?) { client = MarathonClient(address: address, credential: credential) }

    public func rows() async throws -> [ServiceRow] {
        async let apps = client.apps()
        async let queue = client.queue()
        async let deployments = client.deployments()
        let (appList, queued, inProgress) = try await (apps, queue, deployments)
        return appList.map { app in
            ServiceRow(
                app, queued: queued.first { $0.app.id == app.id },
                deployments: inProgress.filter { $0.affectedApps.contains(app.id) })
        }
    }

    public func scale(_ id: String, to instances: Int) async throws {
        try await client.scale(id, instances: instances)
    }

    public func create(_ spec: NewAppSpec) async throws -> String {
        try await client.create(AppDefinition(spec))
        return "Created \(spec.id) with \(spec.instances) instance\(spec.instances == 1 ? "" : "s")"
    }
}

extension ServiceRow {
    init(_ app: MarathonClient.App, queued: MarathonClient.QueueItem?, deployments: [MarathonClient.Deployment]) {
        let tasks = app.tasks ?? []
        let running = app.tasksRunning ?? tasks.filter { $0.state == "TASK_RUNNING" }.count
        let checked = !(app.healthChecks ?? []).isEmpty
        // Per agent: Corral's sentence, or Marathon's reason names where that is all there is.
        let waitingOn = (queued?.lastUnusedOffers ?? []).map { unused in
            AgentWait(host: unused.offer?.hostname ?? unused.offer?.agentId ?? "?", reason: unused.message ?? (unused.reason ?? []).joined(separator: ", "))
        }
        let status: ServiceState
        if app.instances == 0 && tasks.isEmpty {
            status = .suspended
        } else if let left = queued?.delay?.timeLeftSeconds, left > 0 {
            status = .delayed(seconds: left)
        } else if let reason = waitingOn.first?.reason ?? queued?.processedOffersSummary?.rejectSummaryLastOffers?.first(where: { ($0.declined ?? 0) > 0 })?.reason {
            status = .waiting(reason: reason)
        } else if !deployments.isEmpty || running != app.instances {
            status = .deploying
        } else {
            status = .running
        }
        self.init(
            id: app.id, running: running, healthy: checked ? app.tasksHealthy ?? 0 : running, staged: app.tasksStaged ?? 0,
            wanted: app.instances, status: status, cpus: app.cpus, mem: app.mem,
            tasks: tasks.map {
                ServiceTaskRow(
                    taskID: $0.id, host: $0.host ?? "", state: $0.state ?? "", healthy: $0.healthCheckResults?.first?.alive,
                    startedAt: $0.startedAt.flatMap { Time(iso8601: $0) }, version: $0.version ?? "")
            },
            deployments: deployments.map { deployment in
                DeploymentRow(
                    id: deployment.id,
                    steps: (deployment.currentActions ?? []).map { "\($0.action) \($0.app ?? "")" }.joined(separator: ", "),
                    currentStep: deployment.currentStep ?? 1, totalSteps: deployment.totalSteps ?? 1,
                    startedAt: deployment.version.flatMap { Time(iso8601: $0) } ?? .zero)
            },
            waitingOn: waitingOn)
    }
}
