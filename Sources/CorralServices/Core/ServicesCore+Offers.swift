import CorralModel
import CorralSDK

extension ServicesCore {
    /// Launches what fits in the offers, after the kills that scaling down and rolling updates
    /// call for; declines the rest.
    public mutating func offers(_ offers: [Offer], now: ClusterInstant) -> [FrameworkAction] {
        var actions = step(now: now)
        var unused: [OfferID] = []
        let held = appsHeldByDependencies()
        for offer in offers {
            var free = offer.resources.unallocated()
            var launches: [TaskInfo] = []
            let site = PlacementSite(agentID: offer.agentID, hostname: offer.hostname, attributes: offer.attributes)
            for id in apps.keys.sorted() where launchAllowance(id, held: held) > 0 {
                let matched = apps[id]?.backoff.mayLaunch(at: now) == true  // a delayed app is not matched
                var placed = 0
                while launchAllowance(id, held: held) > 0 {
                    guard let task = place(id, on: site, free: &free, now: now) else { break }
                    launches.append(task)
                    placed += 1
                }
                if matched { countOffer(for: id, on: site.agentID, used: placed > 0) }
            }
            if launches.isEmpty { unused.append(offer.id) } else { actions.append(.launch(offer.id, launches)) }
        }
        if !unused.isEmpty {
            // Wanted instances that did not fit here may fit once other tasks end: look again soon.
            actions.append(.decline(unused, refuseSeconds: wantsOffers(now: now) ? 1 : 30))
        }
        return actions
    }

    /// Whether some app has instances to start (now or once its backoff ends): the framework
    /// revives offers while this holds and suppresses them otherwise.
    public func wantsOffers(now: ClusterInstant) -> Bool {
        let held = appsHeldByDependencies()
        return apps.keys.contains { launchAllowance($0, held: held) > 0 }
    }

    /// How many instances the app may start now (see `App.nextStep`): none while it is `held`
    /// (see `appsHeldByDependencies`).
    func launchAllowance(_ id: AppID, held: Set<AppID> = []) -> Int { held.contains(id) ? 0 : apps[id]?.nextStep().start ?? 0 }

    /// One instance of the app on this site, if its constraints, backoff and the free resources
    /// allow; otherwise why not is kept, per agent, for `status` and the console's "why".
    private mutating func place(_ id: AppID, on site: PlacementSite, free: inout Resources, now: ClusterInstant) -> TaskInfo? {
        guard var app = apps[id] else { return nil }
        defer { apps[id] = app }
        guard app.backoff.mayLaunch(at: now) else { return nil }
        let running = app.alive.map(\.site)
        func reject(_ reasons: [OfferRejection.Reason], _ message: String) -> TaskInfo? {
            app.rejections[site.agentID] = OfferRejection(agentID: site.agentID, hostname: site.hostname, reasons: reasons, message: message, at: now.wall)
            return nil
        }
        if case .refused(let reason) = Placement.check(app.constraints, site: site, running: running) {
            return reject([.unfulfilledConstraint], reason)
        }
        var needs = app.definition.scalarResources
        let portCount = app.definition.portCount
        let ports = free.ports.first(portCount, within: 1...65535)
        if ports.count < portCount {
            return reject([.insufficientPorts], "not enough ports: needs \(portCount), agent \(site.hostname) has \(ports.count) free")
        }
        for port in ports { needs.add(.ranges("ports", [port...port])) }
        // An instance that needs nothing would fit without end (an app stored before the
        // minimums): it is not placed.
        guard !needs.isEmpty, needs.cpus > 0 || needs.mem > 0 else {
            return reject([], "needs no cpus or mem: change the app")
        }
        guard free.contains(needs) else {
            app.rejections[site.agentID] = .short(of: needs, in: free, on: site, at: now.wall)
            return nil
        }
        try? free.subtract(needs)
        nextTask += 1
        tasksLaunched += 1
        let taskID = TaskID("\(id.taskPrefix).\(nextTask)")
        app.instances[taskID] = AppInstance(
            taskID: taskID, appID: id, site: site, version: app.version, ports: ports.map(Int.init), stagedAt: now.wall)
        app.rejections[site.agentID] = nil
        return app.definition.taskInfo(taskID: taskID, appID: id, version: app.version, agentID: site.agentID, resources: needs, ports: ports.map(Int.init))
    }

    /// Counts an offer the app was matched against for its launch attempt; an attempt that has
    /// all its instances ends, and the next one counts from nothing.
    private mutating func countOffer(for id: AppID, on agentID: AgentID, used: Bool) {
        guard var app = apps[id] else { return }
        defer { apps[id] = app }
        app.launchAttempt.count(used: used, rejection: used ? nil : app.rejections[agentID])
        if app.alive.count >= app.definition.instances {
            app.rejections = [:]
            app.launchAttempt = LaunchAttempt()
        }
    }
}

extension ServicesCore.App {
    /// Healthy means running and, for an app with health checks, passing them.
    func isHealthy(_ instance: AppInstance) -> Bool {
        instance.isRunning && (definition.healthChecks.isEmpty || instance.healthy == true)
    }
}

extension UpgradeStrategy {
    init(_ strategy: AppDefinition.Strategy) {
        self.init(minimumHealthCapacity: strategy.minimumHealthCapacity, maximumOverCapacity: strategy.maximumOverCapacity)
    }
}
