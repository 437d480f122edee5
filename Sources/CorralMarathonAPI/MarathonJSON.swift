import CorralHTTPServer
import CorralModel
import CorralServices

/// Marathon's REST JSON for apps, tasks and deployments. The `marathon` Python client passes
/// every key to a constructor, so only keys Marathon itself writes appear here.
enum MarathonJSON {
    /// An app's tasks as Marathon lists them: those not being killed.
    static func tasks(of snapshot: AppSnapshot) -> [Task] {
        snapshot.instances.filter { !$0.killing }.map { Task(instance: $0, checked: snapshot.hasHealthChecks) }
    }

    struct Task: Encodable {
        var appId: String
        var id: String
        var host: String
        var ports: [Int]
        var servicePorts: [Int] = []
        var slaveId: String
        var stagedAt: String
        var startedAt: String?
        var version: String
        var state: String
        var healthCheckResults: [HealthResult]
        var ipAddresses: [[String: String]] = []

        init(instance: AppInstance, checked: Bool) {
            appId = instance.appID.path
            id = instance.taskID.value
            host = instance.site.hostname
            ports = instance.ports
            slaveId = instance.site.agentID.value
            stagedAt = instance.stagedAt.iso8601
            startedAt = instance.startedAt?.iso8601
            version = instance.version
            state = instance.state.rawValue
            healthCheckResults = checked ? instance.healthy.map { [HealthResult(alive: $0, consecutiveFailures: $0 ? 0 : 1, taskId: instance.taskID.value)] } ?? [] : []
        }
    }

    struct HealthResult: Encodable {
        var alive: Bool
        var consecutiveFailures: Int
        var taskId: String
    }

    struct Failure: Encodable {
        var appId: String
        var host: String
        var message: String
        var state: String
        var taskId: String
        var slaveId: String?
        var timestamp: String
        var version: String

        init(failure: TaskFailure, appID: AppID) {
            appId = appID.path
            host = failure.host
            message = failure.message
            state = failure.state.rawValue
            taskId = failure.taskID.value
            timestamp = failure.at.iso8601
            version = failure.version
        }
    }

    struct Deployment: Encodable {
        struct Action: Encodable {
            var action: String
            var app: String
            var readinessCheckResults: [ReadinessResult]?
        }

        struct Step: Encodable { var actions: [Action] }

        var id: String
        var version: String
        var affectedApps: [String]
        var steps: [Step]
        var currentActions: [Action]
        var currentStep = 1
        var totalSteps = 1

        init(_ deployment: CorralServices.Deployment) { self.init([deployment]) }

        /// One deployment of several apps (a group change gives every app it touches the same
        /// deployment ID): the change's steps when it has them (one per dependency level), its
        /// current step the first with an app still being deployed; otherwise all, one step. The
        /// current actions carry what `readiness` holds for their apps: the readiness results of
        /// the tasks they wait for.
        init(_ parts: [CorralServices.Deployment], steps planned: [[PlannedAction]]? = nil, readiness: [AppID: [ReadinessCheckResult]] = [:]) {
            id = parts.first?.id ?? ""
            version = parts.map(\.version).max() ?? ""
            let results = { (app: AppID) in (readiness[app] ?? []).map(ReadinessResult.init) }
            currentActions = parts.map { Action(action: $0.action.rawValue, app: $0.appID.path, readinessCheckResults: results($0.appID)) }
            guard let planned, !planned.isEmpty else {
                affectedApps = parts.map(\.appID.path)
                steps = [Step(actions: parts.map { Action(action: $0.action.rawValue, app: $0.appID.path) })]
                return
            }
            affectedApps = Set(planned.flatMap { $0.map(\.app) }).sorted().map(\.path)
            steps = planned.map { Step(actions: $0.map { Action(action: $0.action.rawValue, app: $0.app.path) }) }
            let deploying = Set(parts.map(\.appID))
            let current = planned.firstIndex { $0.contains { deploying.contains($0.app) && $0.action != .start } } ?? planned.count - 1
            currentStep = current + 1
            totalSteps = planned.count
            currentActions = planned[current].filter { deploying.contains($0.app) }.map {
                Action(action: $0.action.rawValue, app: $0.app.path, readinessCheckResults: results($0.app))
            }
        }
    }

    /// An app with instances still to launch (`/v2/queue`): how many, how long its backoff
    /// still holds launches back, and why the last offers could not take it: Marathon's
    /// `processedOffersSummary` (per reason name, how many of the last offers it declined) and
    /// `lastUnusedOffers` (per offer, its agent and reasons; Corral adds the sentence with the
    /// numbers as `message`, which the console shows per agent).
    struct QueueItem: Encodable {
        struct Delay: Encodable {
            var timeLeftSeconds: Int
            var overdue: Bool
        }

        struct UnusedOffer: Encodable {
            struct OfferRef: Encodable {
                var agentId: String
                var hostname: String
            }

            var offer: OfferRef
            var reason: [String]
            var timestamp: String
            var message: String
        }

        var app: App
        var count: Int
        var delay: Delay
        var since: String
        var processedOffersSummary: ProcessedOffers
        var lastUnusedOffers: [UnusedOffer]

        init?(_ snapshot: AppSnapshot) {
            let missing = snapshot.wanted - snapshot.instances.filter { !$0.killing }.count
            guard missing > 0 else { return nil }
            app = App(snapshot: snapshot, embed: AppEmbed.single)
            count = missing
            var left = 0.0
            if case .delayed(let seconds) = snapshot.status { left = seconds }
            delay = Delay(timeLeftSeconds: Int(exactly: min(left, 1e15).rounded(.up)) ?? 0, overdue: false)
            since = snapshot.version
            processedOffersSummary = ProcessedOffers(lastOffers: snapshot.rejections, launchAttempt: snapshot.launchAttempt)
            lastUnusedOffers = snapshot.rejections.map { rejection in
                UnusedOffer(
                    offer: UnusedOffer.OfferRef(agentId: rejection.agentID.value, hostname: rejection.hostname),
                    reason: rejection.reasons.map(\.rawValue), timestamp: rejection.at.iso8601, message: rejection.message)
            }
        }
    }

    /// What PUT, DELETE and restart answer: the deployment that carries the change out.
    struct DeploymentRef: Encodable {
        var deploymentId: String
        var version: String

        init(_ deployment: CorralServices.Deployment) {
            deploymentId = deployment.id
            version = deployment.version
        }
    }

    /// Marathon's error body: `{"message", "details": [{"path", "errors"}]}`, or for a locked
    /// app `{"message", "deployments"}`.
    struct Problem: Encodable {
        var message: String
        var details: [ValidationIssue]?
        /// A 409 for an app being deployed: `[{"id": deployment}]`.
        var deployments: [[String: String]]?
    }
}
