import CorralModel

extension ServicesFramework {
    /// Publishes an event that happened outside the framework (an API client's post, a reader
    /// of the stream coming or going), stamped now.
    public nonisolated func announce(_ kind: ServicesEvent.Kind) {
        events.publish(ServicesEvent(at: clock.now.wall, kind: kind))
    }

    /// The events of one status: the status itself, and the instance's new state and health
    /// when they changed. `before` is the instance as it was when the status came.
    func announce(_ status: TaskStatus, before: AppInstance) {
        let now = clock.now.wall
        events.publish(ServicesEvent(at: now, kind: .statusUpdate(status, instance: before)))
        var after = core.instance(status.taskID) ?? before
        after.state = status.state
        if before.state != status.state || core.instance(status.taskID) == nil {
            events.publish(ServicesEvent(at: now, kind: .instanceChanged(after)))
        }
        if let alive = status.healthy, alive != before.healthy {
            events.publish(ServicesEvent(at: now, kind: .healthChanged(after, alive: alive)))
        }
    }

    /// Compares the deployments running now with those last announced, and tells the event
    /// stream what that means for their plans (see `PlanAnnouncer`): a plan's first new
    /// deployment is its `deployment_info`; one that ended short of its version (cancelled,
    /// overridden, its app deleted) fails its plan.
    func announceDeployments() {
        let running = core.deployments
        for (_, old) in announcedDeployments.sorted(by: { $0.key < $1.key }) where running[old.appID]?.id != old.id && !core.succeeded(old) {
            plans.fail(old.id)
        }
        let started = running.values.filter { announcedDeployments[$0.appID]?.id != $0.id }
        for (id, deployments) in Dictionary(grouping: started, by: \.id).sorted(by: { $0.key < $1.key }) {
            announceStart(id, parts: deployments.map { DeploymentPlanView.Part($0, target: core.definition(of: $0.appID)) })
        }
        announcedDeployments = running
        announceProgress()
    }

    /// A plan's `deployment_info`, the first time any of its parts is seen. `steps` are a group
    /// change's; by default those of the change whose deployment runs under that ID.
    func announceStart(_ id: String, parts: [DeploymentPlanView.Part], steps: [[PlannedAction]]? = nil) {
        if let view = plans.start(id, parts: parts, steps: steps ?? runningGroupSteps[id]) {
            events.publish(ServicesEvent(at: clock.now.wall, kind: .deploymentInfo(view)))
        }
    }

    /// The steps completed and the plans ended since the last look; a group change whose
    /// deployment ended leaves `/v2/deployments`.
    private func announceProgress() {
        let now = clock.now.wall
        var deploying: [String: Set<AppID>] = [:]
        for deployment in core.deployments.values { deploying[deployment.id, default: []].insert(deployment.appID) }
        for kind in plans.progress(deploying: deploying) { events.publish(ServicesEvent(at: now, kind: kind)) }
        for id in runningGroupSteps.keys where deploying[id] == nil { runningGroupSteps[id] = nil }
    }

    /// Deployments that end at once (apps' stops): their plan's info, and its end when nothing
    /// else of it still deploys.
    func announceFinished(_ deployments: [Deployment], steps: [[PlannedAction]]? = nil) {
        guard let id = deployments.first?.id else { return }
        announceStart(id, parts: deployments.map { DeploymentPlanView.Part($0, target: nil) }, steps: steps)
        announceProgress()
    }
}

extension ServicesCore {
    /// The instance of that task, if Services tracks it.
    func instance(_ taskID: TaskID) -> AppInstance? {
        for app in apps.values { if let instance = app.instances[taskID] { return instance } }
        return nil
    }

    /// Whether a deployment that is no longer running reached what it was for: its app is
    /// still there, on the deployment's version, and settled.
    func succeeded(_ deployment: Deployment) -> Bool {
        guard let app = apps[deployment.appID] else { return false }
        return app.version == deployment.version && app.isSettled
    }
}
