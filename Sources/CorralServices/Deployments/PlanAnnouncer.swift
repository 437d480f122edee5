/// Gathers the apps' deployments back into plans for the event stream, as Marathon tells them:
/// one `deployment_info` when a plan starts, one `deployment_step_success` as each of its steps
/// completes, in order, and one `deployment_success` or `deployment_failed` when the last of
/// its apps' deployments ends. A pure value: the framework tells it what started, what failed
/// and what still runs, and publishes what it returns.
struct PlanAnnouncer: Sendable {
    private struct Progress: Sendable {
        var view: DeploymentPlanView
        var stepsDone = 0
        var failed = false
    }

    private var plans: [String: Progress] = [:]

    /// The plans announced that have not ended, by ID.
    var announced: Set<String> { Set(plans.keys) }

    /// A plan's first parts announce it (the view to send as `deployment_info`); parts of a
    /// plan already announced join it quietly. `steps` nil makes one step of the parts' actions.
    mutating func start(_ id: String, parts: [DeploymentPlanView.Part], steps: [[PlannedAction]]?) -> DeploymentPlanView? {
        if var known = plans[id] {
            let apps = Set(known.view.parts.map(\.deployment.appID))
            known.view.parts += parts.filter { !apps.contains($0.deployment.appID) }
            known.view.parts.sort { $0.deployment.appID < $1.deployment.appID }
            plans[id] = known
            return nil
        }
        let parts = parts.sorted { $0.deployment.appID < $1.deployment.appID }
        guard let first = parts.first else { return nil }
        let steps = steps.flatMap { $0.isEmpty ? nil : $0 } ?? [parts.map { PlannedAction($0.deployment.action, $0.deployment.appID) }]
        let view = DeploymentPlanView(id: id, version: first.deployment.version, parts: parts, steps: steps, currentStep: 0)
        plans[id] = Progress(view: view)
        return view
    }

    /// One of the plan's apps ended short of its version: the plan fails when its last app ends,
    /// and no further step succeeds.
    mutating func fail(_ id: String) { plans[id]?.failed = true }

    /// The events the plans' progress calls for, now that `deploying` (by plan ID, the apps
    /// whose deployments still run) is so: each next step whose actions are all done succeeded;
    /// a plan none of whose apps deploys ended.
    mutating func progress(deploying: [String: Set<AppID>]) -> [ServicesEvent.Kind] {
        var kinds: [ServicesEvent.Kind] = []
        for id in plans.keys.sorted() {
            guard var plan = plans[id] else { continue }
            let busy = deploying[id] ?? []
            while !plan.failed, plan.stepsDone < plan.view.steps.count, plan.view.steps[plan.stepsDone].allSatisfy({ Self.isDone($0, busy: busy) }) {
                var view = plan.view
                view.currentStep = plan.stepsDone
                kinds.append(.deploymentStepSuccess(view))
                plan.stepsDone += 1
            }
            if busy.isEmpty {
                kinds.append(plan.failed ? .deploymentFailed(plan.view) : .deploymentSuccess(plan.view))
                plans[id] = nil
            } else {
                plans[id] = plan
            }
        }
        return kinds
    }

    /// A start is done once the plan runs: as Marathon's, it brings the app in with no instances,
    /// and a later step scales it. Any other action is done when its app no longer deploys.
    private static func isDone(_ action: PlannedAction, busy: Set<AppID>) -> Bool {
        action.action == .start || !busy.contains(action.app)
    }
}
