import CorralModel
import CorralSDK
import CorralServices

/// Services' core as the simulation drives it, with what `ServicesFramework` adds around it:
/// the kills of orphans found on restore, sent once subscribed.
struct ServicesScheduler: SimScheduler {
    var core = ServicesCore()
    var orphanKills: [FrameworkAction] = []
    var deployments = 0

    init(apps: [AppDefinition], now: ClusterInstant) {
        for app in apps { _ = try? core.put(app, deploymentID: nextDeploymentID(), now: now) }
    }

    private init(core: ServicesCore, orphanKills: [FrameworkAction], deployments: Int) {
        self.core = core
        self.orphanKills = orphanKills
        self.deployments = deployments
    }

    private mutating func nextDeploymentID() -> String {
        deployments += 1
        return "deployment-\(deployments)"
    }

    mutating func subscribed(now: ClusterInstant) -> [FrameworkAction] {
        core.resubscribed()
        defer { orphanKills = [] }
        return orphanKills + core.step(now: now)
    }

    mutating func offers(_ offers: [Offer], now: ClusterInstant) -> [FrameworkAction] { core.offers(offers, now: now) }
    mutating func update(_ status: TaskStatus, now: ClusterInstant) -> [FrameworkAction] { core.update(status, now: now) }
    mutating func tick(now: ClusterInstant) -> [FrameworkAction] { core.step(now: now) }
    func wantsOffers(now: ClusterInstant) -> Bool { core.wantsOffers(now: now) }
    func nextDeadline(now: ClusterInstant) -> ClusterInstant? { core.nextDeadline(now: now) }
    var knownTasks: [ReconcileTask] { core.trackedTasks }
    var liveTasks: Set<TaskID> { Set(core.allInstances.filter { !$0.state.isTerminal }.map(\.taskID)) }

    func unsettled(now: ClusterInstant) -> [String] {
        core.snapshots(now: now).compactMap { app in
            guard app.running != app.wanted || app.deployment != nil else { return nil }
            let instances = app.instances.map { "\($0.taskID) \($0.state.rawValue)\($0.confirmed ? "" : " unconfirmed")\($0.killing ? " killing" : "")" }
            return "app \(app.id) runs \(app.running) of \(app.wanted) instance(s)\(app.deployment == nil ? "" : " and is still deploying") \(instances)"
        }
    }

    /// As `ServicesFramework` starts: the apps from the store, then their instances.
    func restarted(now: ClusterInstant) -> any SimScheduler {
        var fresh = ServicesCore()
        for (definition, version) in core.storedApps { fresh.load(definition, version: version) }
        let kills = fresh.restore(core.allInstances)
        fresh.resumeTaskNumbers(after: core.lastTaskNumber)
        return ServicesScheduler(core: fresh, orphanKills: kills, deployments: deployments)
    }
}
