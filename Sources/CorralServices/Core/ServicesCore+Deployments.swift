import CorralModel
import CorralSDK

extension ServicesCore {
    /// Moves every app towards what it wants: kills the newest instances of apps that have too
    /// many, kills old-version instances as fast as the upgrade strategy's health capacity
    /// allows, and ends the deployments that are done. Called on offers, statuses and ticks.
    public mutating func step(now: Time) -> [FrameworkAction] {
        var actions: [FrameworkAction] = []
        for id in apps.keys.sorted() {
            for instance in instancesToKill(id) {
                apps[id]!.instances[instance.taskID]!.killing = true
                actions.append(.kill(instance.taskID, instance.site.agentID))
            }
            if let app = apps[id], deployments[id] != nil, app.isSettled { deployments[id] = nil }
        }
        return actions
    }

    private func instancesToKill(_ id: AppID) -> [AppInstance] {
        let app = apps[id]!
        let alive = app.instances.values.filter { !$0.killing }
        let old = alive.filter { $0.version != app.version }
        let wanted = app.definition.instances
        guard !old.isEmpty else {
            // Scaling down: the youngest go first (Marathon's default kill selection).
            let youngestFirst = alive.sorted { ($0.stagedAt, $0.taskID) > ($1.stagedAt, $1.taskID) }
            return Array(youngestFirst.prefix(max(0, alive.count - wanted)))
        }
        let new = alive.filter { $0.version == app.version }
        let step = UpgradeStrategy(app.definition.upgradeStrategy).nextStep(
            instances: wanted, oldRunning: old.count, oldHealthy: old.filter { app.isHealthy($0) }.count,
            newRunning: new.count, newHealthy: new.filter { app.isHealthy($0) }.count)
        // Unhealthy old instances go before healthy ones: losing them costs no capacity.
        let unhealthyFirst = old.sorted { (app.isHealthy($0) ? 1 : 0, $0.stagedAt, $0.taskID) < (app.isHealthy($1) ? 1 : 0, $1.stagedAt, $1.taskID) }
        return Array(unhealthyFirst.prefix(step.kill))
    }

    /// Deployments still in progress, oldest first.
    public var activeDeployments: [Deployment] {
        deployments.values.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
    }

    /// Cancels a deployment. Without `force` the app goes back to the definition it had before
    /// (a new deployment, returned); with `force` the app stays as it is and the deployment is
    /// simply forgotten.
    public mutating func cancelDeployment(_ deploymentID: String, force: Bool, rollbackID: String, now: Time) -> Deployment?? {
        guard let deployment = deployments.values.first(where: { $0.id == deploymentID }) else { return nil }
        deployments[deployment.appID] = nil
        guard !force else { return .some(nil) }
        guard let previous = deployment.previous else {
            // Cancelling a start takes the app away again.
            if apps[deployment.appID] != nil { apps[deployment.appID]!.definition.instances = 0 }
            return .some(nil)
        }
        return .some(try? put(previous, deploymentID: rollbackID, now: now))
    }
}

extension ServicesCore.App {
    /// All instances of the current version, as many as wanted, all healthy.
    var isSettled: Bool {
        let alive = instances.values.filter { !$0.killing }
        return alive.count == definition.instances && alive.allSatisfy { $0.version == version && isHealthy($0) }
    }
}
