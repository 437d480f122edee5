import CorralModel
import CorralSDK
import Testing

@testable import CorralServices

/// Deployments on a manual clock: an app changed while it runs is replaced within its upgrade
/// strategy, scale-only changes do not restart it, and a cancelled deployment rolls back.
@Suite struct DeploymentTests {
    let web = try! AppID(parsing: "/web")

    func offer(_ number: Int) -> Offer {
        Offer(id: OfferID("o\(number)"), frameworkID: "services", agentID: AgentID("a\(number % 3)"), hostname: "h\(number % 3)", role: "*",
              resources: Resources([.scalar("cpus", 16), .scalar("mem", 65536)]).allocated(to: "*"))
    }

    func app(_ instances: Int, cmd: String = "serve", minimumHealth: Double = 1, overCapacity: Double = 1) -> AppDefinition {
        var app = AppDefinition(id: "/web", cmd: cmd, instances: instances)
        app.cpus = 0.5
        app.mem = 64
        app.upgradeStrategy.minimumHealthCapacity = minimumHealth
        app.upgradeStrategy.maximumOverCapacity = overCapacity
        return app
    }

    /// Drives the core like a cluster would: each launched task starts running at the next
    /// step, each killed one ends. Returns the fewest healthy instances seen while rolling.
    func roll(_ core: inout ServicesCore, steps: Int, from start: Double) -> Int {
        var fewestHealthy = Int.max
        var staged: [TaskID] = []
        var now = ClusterInstant(seconds: start)
        for number in 0..<steps {
            now = now + 1
            var statuses = staged.map { TaskStatus(taskID: $0, state: .running) }
            staged = []
            for action in core.offers([offer(100 + number)], now: now) {
                switch action {
                case .launch(_, let tasks): staged += tasks.map(\.taskID)
                case .kill(let id, _): statuses.append(TaskStatus(taskID: id, state: .killed))
                case .decline: break
                }
            }
            for status in statuses {
                for case .kill(let id, _) in core.update(status, now: now) { _ = core.update(TaskStatus(taskID: id, state: .killed), now: now) }
            }
            fewestHealthy = min(fewestHealthy, core.snapshot(of: web, now: now)!.running)
        }
        return fewestHealthy
    }

    @Test func creatingStartsAndSettles() throws {
        var core = ServicesCore()
        let deployment = try core.put(app(3), deploymentID: "d1", now: .zero)
        #expect(deployment.action == .start)
        #expect(core.activeDeployments.map(\.id) == ["d1"])
        _ = roll(&core, steps: 3, from: 0)
        #expect(core.activeDeployments.isEmpty)
        #expect(core.snapshot(of: web, now: ClusterInstant(seconds: 10))?.status == .running)
    }

    @Test func scalingIsNotARestart() throws {
        var core = ServicesCore()
        try core.put(app(2), deploymentID: "d1", now: .zero)
        _ = roll(&core, steps: 3, from: 0)
        let before = core.snapshot(of: web, now: ClusterInstant(seconds: 10))!
        let deployment = try core.put(app(4), deploymentID: "d2", now: ClusterInstant(seconds: 10))
        #expect(deployment.action == .scale)
        // A version of its own (Marathon's lastScalingAt), the configuration's unchanged.
        #expect(deployment.version != before.version)
        _ = roll(&core, steps: 3, from: 10)
        let after = core.snapshot(of: web, now: ClusterInstant(seconds: 20))!
        #expect(after.version == deployment.version && after.lastConfigChangeAt == before.lastConfigChangeAt)
        #expect(after.running == 4)
        #expect(Set(before.instances.map(\.taskID)).isSubset(of: Set(after.instances.map(\.taskID))))
    }

    @Test func rollingUpdateKeepsMinimumHealthAndReplacesEveryInstance() throws {
        var core = ServicesCore()
        try core.put(app(4, minimumHealth: 0.5, overCapacity: 0), deploymentID: "d1", now: .zero)
        _ = roll(&core, steps: 3, from: 0)
        let old = Set(core.snapshot(of: web, now: ClusterInstant(seconds: 10))!.instances.map(\.taskID))
        let deployment = try core.put(app(4, cmd: "serve --v2", minimumHealth: 0.5, overCapacity: 0), deploymentID: "d2", now: ClusterInstant(seconds: 10))
        #expect(deployment.action == .restart)
        let fewest = roll(&core, steps: 8, from: 10)
        #expect(fewest >= 2, "fell to \(fewest) healthy; the strategy keeps 2 of 4")
        let after = core.snapshot(of: web, now: ClusterInstant(seconds: 30))!
        #expect(after.running == 4)
        #expect(Set(after.instances.map(\.taskID)).isDisjoint(with: old))
        #expect(after.instances.allSatisfy { $0.version == deployment.version })
        #expect(core.activeDeployments.isEmpty)
    }

    @Test func fullHealthRollingUpdateStartsNewBeforeKillingOld() throws {
        var core = ServicesCore()
        try core.put(app(2), deploymentID: "d1", now: .zero)
        _ = roll(&core, steps: 3, from: 0)
        try core.put(app(2, cmd: "serve --v2"), deploymentID: "d2", now: ClusterInstant(seconds: 10))
        #expect(roll(&core, steps: 6, from: 10) >= 2)
        #expect(core.snapshot(of: web, now: ClusterInstant(seconds: 30))?.status == .running)
    }

    @Test func unhealthyNewInstancesHoldTheOldOnes() throws {
        var core = ServicesCore()
        var checked = app(1)
        checked.healthChecks = [.command("true", gracePeriodSeconds: 300, intervalSeconds: 60, timeoutSeconds: 20)]
        checked.portDefinitions = []
        try core.put(checked, deploymentID: "d1", now: .zero)
        let first = core.offers([offer(1)], now: ClusterInstant(seconds: 1)).launchedIDs
        _ = core.update(TaskStatus(taskID: first[0], state: .running, healthy: true), now: ClusterInstant(seconds: 2))
        checked.cmd = "serve --v2"
        try core.put(checked, deploymentID: "d2", now: ClusterInstant(seconds: 3))
        let second = core.offers([offer(2)], now: ClusterInstant(seconds: 4)).launchedIDs
        #expect(second.count == 1)
        // Running but not yet healthy: the old instance stays.
        #expect(core.update(TaskStatus(taskID: second[0], state: .running), now: ClusterInstant(seconds: 5)).isEmpty)
        // Healthy: now the old one goes.
        #expect(core.update(TaskStatus(taskID: second[0], state: .running, healthy: true), now: ClusterInstant(seconds: 6)) == [.kill(first[0], "a1")])
    }

    @Test func cancellingRollsBackToThePreviousDefinition() throws {
        var core = ServicesCore()
        try core.put(app(2), deploymentID: "d1", now: .zero)
        _ = roll(&core, steps: 3, from: 0)
        try core.put(app(2, cmd: "broken"), deploymentID: "d2", now: ClusterInstant(seconds: 10))
        guard case .rolledBack(let rollback) = core.cancelDeployment("d2", force: false, rollbackID: "d3", now: ClusterInstant(seconds: 11)) else {
            Issue.record("no rollback")
            return
        }
        #expect(rollback.id == "d3")
        #expect(core.definition(of: web)?.cmd == "serve")
        #expect(core.cancelDeployment("nope", force: false, rollbackID: "x", now: ClusterInstant(seconds: 12)) == nil)
    }

    @Test func cancellingAStartRemovesTheAppAndCancellingAScaleRestoresTheCount() throws {
        var core = ServicesCore()
        try core.put(app(2), deploymentID: "d1", now: .zero)
        _ = core.offers([offer(1)], now: ClusterInstant(seconds: 1))
        guard case .removed(let stop, let kills) = core.cancelDeployment("d1", force: false, rollbackID: "d2", now: ClusterInstant(seconds: 2)) else {
            Issue.record("the start was not undone")
            return
        }
        #expect(stop.id == "d2" && stop.action == .stop)
        #expect(kills.count == 2 && core.definition(of: web) == nil)

        try core.put(app(1), deploymentID: "d3", now: ClusterInstant(seconds: 3))
        _ = roll(&core, steps: 3, from: 3)
        try core.put(app(5), deploymentID: "d4", now: ClusterInstant(seconds: 10))
        guard case .rolledBack(let back) = core.cancelDeployment("d4", force: false, rollbackID: "d5", now: ClusterInstant(seconds: 11)) else {
            Issue.record("the scale was not rolled back")
            return
        }
        #expect(back.id == "d5" && core.definition(of: web)?.instances == 1)

        try core.put(app(5), deploymentID: "d6", now: ClusterInstant(seconds: 12))
        #expect(core.cancelDeployment("d6", force: true, rollbackID: "d7", now: ClusterInstant(seconds: 13)) == .stopped)
        #expect(core.definition(of: web)?.instances == 5 && core.activeDeployments.isEmpty)
    }

    @Test func restoredInstancesAreNotLaunchedTwiceAndLostOnesAreReplaced() throws {
        var core = ServicesCore()
        try core.put(app(2), deploymentID: "d1", now: .zero)
        _ = roll(&core, steps: 3, from: 0)
        let stored = core.allInstances
        var restarted = ServicesCore()
        for app in core.storedApps { restarted.load(app.definition, version: app.version) }
        #expect(restarted.restore(stored).isEmpty)
        #expect(restarted.trackedTasks.map(\.taskID) == stored.map(\.taskID))
        #expect(restarted.allInstances.allSatisfy { !$0.confirmed })
        #expect(restarted.offers([offer(7)], now: ClusterInstant(seconds: 20)).launchedIDs.isEmpty)
        _ = restarted.update(TaskStatus(taskID: stored[0].taskID, state: .running, reason: .reconciliation), now: ClusterInstant(seconds: 21))
        _ = restarted.update(TaskStatus(taskID: stored[1].taskID, state: .lost, reason: .reconciliation), now: ClusterInstant(seconds: 21))
        let replacement = restarted.offers([offer(8)], now: ClusterInstant(seconds: 22)).launchedIDs
        #expect(replacement.count == 1)
        #expect(!stored.map(\.taskID).contains(replacement[0]))
        #expect(restarted.snapshot(of: web, now: ClusterInstant(seconds: 22))?.status != .delayed(1))
    }

    @Test func unknownTasksAreKilled() {
        var core = ServicesCore()
        #expect(core.update(TaskStatus(taskID: "old.1", state: .running, agentID: "a1"), now: .zero) == [.kill("old.1", "a1")])
    }
}

extension [FrameworkAction] {
    var launchedIDs: [TaskID] {
        var ids: [TaskID] = []
        for case .launch(_, let tasks) in self { ids += tasks.map(\.taskID) }
        return ids
    }
}
