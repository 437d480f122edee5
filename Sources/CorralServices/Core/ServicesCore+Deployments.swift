import CorralModel
import CorralSDK

extension ServicesCore {
    /// Moves every app towards what it wants: kills the newest instances of apps that have too
    /// many, kills old-version instances as fast as the upgrade strategy's health capacity
    /// allows, and ends the deployments that are done. Called on offers, statuses and ticks.
    public mutating func step(now: ClusterInstant) -> [FrameworkAction] {
        var actions: [FrameworkAction] = []
        for id in apps.keys.sorted() {
            apps[id]!.applyUnreachableStrategy(now: now)
            for instance in apps[id]!.nextStep().kill {
                apps[id]!.instances[instance.taskID]!.killing = true
                actions.append(.kill(instance.taskID, instance.site.agentID))
            }
            if let app = apps[id], deployments[id] != nil, app.isSettled { deployments[id] = nil }
        }
        return actions
    }

    /// Deployments still in progress, oldest first.
    public var activeDeployments: [Deployment] {
        deployments.values.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
    }

    /// What cancelling a deployment did.
    public enum Cancellation: Equatable, Sendable {
        /// `force`: the deployment is forgotten and the app stays as it is.
        case stopped
        /// The app went back to its definition before, carried out by this deployment.
        case rolledBack(Deployment)
        /// The deployment created the app: the app is gone (its tasks killed by `kills`), as a
        /// deployment that stops it.
        case removed(Deployment, kills: [FrameworkAction])
    }

    /// Cancels a deployment (nil when none has that ID). Without `force` the app goes back to
    /// the definition it had before, or away when the deployment created it; with `force` the
    /// app stays as it is and the deployment is simply forgotten.
    public mutating func cancelDeployment(_ deploymentID: String, force: Bool, rollbackID: String, now: ClusterInstant) -> Cancellation? {
        guard let deployment = deployments.values.first(where: { $0.id == deploymentID }) else { return nil }
        deployments[deployment.appID] = nil
        guard !force else { return .stopped }
        guard let previous = deployment.previous else {
            let stop = Deployment(id: rollbackID, appID: deployment.appID, version: now.wall.iso8601, action: .stop, startedAt: now.wall, previous: definition(of: deployment.appID))
            return .removed(stop, kills: remove(deployment.appID))
        }
        guard let rollback = try? put(previous, deploymentID: rollbackID, now: now) else { return .stopped }
        return .rolledBack(rollback)
    }
}

extension ServicesCore.App {
    /// Instances that count towards the app: those Services has not asked to be killed, nor
    /// given up on while their agent is unreachable.
    var alive: [AppInstance] { instances.values.filter { !$0.killing && !$0.inactive } }

    /// Instances unreachable for longer than the app's strategy allows stop counting (and are
    /// replaced), then are forgotten: one that comes back after that is a task Services does not
    /// know, and is killed.
    mutating func applyUnreachableStrategy(now: ClusterInstant) {
        guard case .after(let inactiveAfter, let expungeAfter) = definition.unreachableStrategy else { return }
        for (taskID, instance) in instances {
            guard let since = instance.unreachableSince else { continue }
            if now - since >= .clampedSeconds(expungeAfter) {
                instances[taskID] = nil
            } else if now - since >= .clampedSeconds(inactiveAfter) {
                instances[taskID]?.inactive = true
            }
        }
    }

    /// Launched from the app's current configuration: at or after its last change other than a
    /// scale (versions are timestamps, in one format, so they order as text).
    func isCurrent(_ instance: AppInstance) -> Bool { instance.version >= configVersion }

    /// All instances of the current configuration, as many as wanted, all healthy and ready.
    var isSettled: Bool {
        alive.count == definition.instances && alive.allSatisfy { isCurrent($0) && isReady($0) }
    }

    /// What the app does next towards what it wants: how many instances to start and which to
    /// kill. Without old-version instances that is scaling (the youngest go first, Marathon's
    /// default); during a rolling update the upgrade strategy decides (new instances count once
    /// ready, so old ones are killed only as new ones pass their readiness check), and unhealthy
    /// old instances go before healthy ones, since losing them costs no capacity.
    func nextStep() -> (start: Int, kill: [AppInstance]) {
        let alive = alive
        let wanted = definition.instances
        let old = alive.filter { !isCurrent($0) }
        guard !old.isEmpty else {
            let youngestFirst = alive.sorted { ($0.stagedAt, $0.taskID) > ($1.stagedAt, $1.taskID) }
            return (max(0, wanted - alive.count), Array(youngestFirst.prefix(max(0, alive.count - wanted))))
        }
        let new = alive.filter(isCurrent)
        let step = UpgradeStrategy(definition.upgradeStrategy).nextStep(
            instances: wanted, oldRunning: old.count, oldHealthy: old.filter(isHealthy).count,
            newRunning: new.count, newHealthy: new.filter(isReady).count)
        let unhealthyFirst = old.sorted { (isHealthy($0) ? 1 : 0, $0.stagedAt, $0.taskID) < (isHealthy($1) ? 1 : 0, $1.stagedAt, $1.taskID) }
        return (step.start, Array(unhealthyFirst.prefix(step.kill)))
    }
}
