import CorralModel
import CorralSDK
import Testing

@testable import CorralServices

@Suite struct ServicesCoreTests {
    /// An app stored before the checks that would refuse it today comes back suspended: kept,
    /// so nothing is lost, but with 0 instances, so none of its numbers is acted on.
    @Test func aStoredAppThatFailsTodaysChecksComesBackSuspended() throws {
        var core = ServicesCore()
        var stored = AppDefinition(id: "/old", cmd: "sleep 600", instances: .max)
        stored.backoffSeconds = 1e300
        let issues = core.load(stored, version: "v1")
        #expect(Set(issues.map(\.path)) == ["/instances", "/backoffSeconds"])
        let snapshot = try #require(core.snapshots(now: ClusterInstant(seconds: 0)).first)
        #expect(snapshot.wanted == 0)
        let actions = core.offers([offer(1, host: "h1")], now: ClusterInstant(seconds: 0))
        #expect(!actions.contains { if case .launch = $0 { true } else { false } })
    }

    func offer(_ number: Int, host: String, cpus: Double = 4, mem: Double = 4096) -> Offer {
        Offer(id: OfferID("o\(number)"), frameworkID: "services", agentID: AgentID(host), hostname: host, role: "*",
              resources: Resources([.scalar("cpus", cpus), .scalar("mem", mem), .ranges("ports", [31000...31010])]).allocated(to: "*"))
    }

    func app(_ instances: Int, constraints: [[String]] = []) -> AppDefinition {
        var app = AppDefinition(id: "/web", cmd: "serve --port $PORT0", instances: instances)
        app.cpus = 1
        app.mem = 256
        app.constraints = constraints
        app.portDefinitions = []
        return app
    }

    func launched(_ actions: [FrameworkAction]) -> [TaskInfo] {
        var tasks: [TaskInfo] = []
        for case .launch(_, let launched) in actions { tasks += launched }
        return tasks
    }

    @Test func keepsInstancesRunningAndRelaunchesAfterBackoff() throws {
        var core = ServicesCore()
        try core.put(app(3), deploymentID: "d", now: .zero)
        let first = launched(core.offers([offer(1, host: "h1"), offer(2, host: "h2")], now: ClusterInstant(seconds: 0)))
        #expect(first.count == 3)
        #expect(first.allSatisfy { $0.command?.environment.contains { $0.name == "MARATHON_APP_ID" && $0.value == "/web" } == true })
        for task in first { _ = core.update(TaskStatus(taskID: task.taskID, state: .running), now: ClusterInstant(seconds: 1)) }
        #expect(core.snapshot(of: try AppID(parsing: "/web"), now: ClusterInstant(seconds: 1))?.status == .running)

        _ = core.update(TaskStatus(taskID: first[0].taskID, state: .failed), now: ClusterInstant(seconds: 10))
        #expect(core.snapshot(of: try AppID(parsing: "/web"), now: ClusterInstant(seconds: 10))?.status == .delayed(1))
        #expect(launched(core.offers([offer(3, host: "h1")], now: ClusterInstant(seconds: 10.5))).isEmpty)  // still backing off
        #expect(launched(core.offers([offer(4, host: "h1")], now: ClusterInstant(seconds: 11))).count == 1)
    }

    /// A task a deployment is already killing still exists until it ends: killing it by ID (as
    /// the marathon client does right after listing tasks) answers for it and scales, without a
    /// second kill. It was a 404 when the list and the kill raced a rolling restart.
    @Test func killingATaskADeploymentIsAlreadyKillingAnswersForIt() throws {
        var core = ServicesCore()
        let id = try AppID(parsing: "/web")
        try core.put(app(2), deploymentID: "d1", now: .zero)
        let tasks = launched(core.offers([offer(1, host: "h1")], now: .zero))
        for task in tasks { _ = core.update(TaskStatus(taskID: task.taskID, state: .running), now: ClusterInstant(seconds: 1)) }
        let first = core.kill([tasks[0].taskID], of: id, scale: false, deploymentID: "d2", now: ClusterInstant(seconds: 2))
        #expect(first.actions.count == 1)

        let again = core.kill([tasks[0].taskID], of: id, scale: true, deploymentID: "d3", now: ClusterInstant(seconds: 3))
        #expect(again.killed.map(\.taskID) == [tasks[0].taskID])
        #expect(again.actions.isEmpty)
        #expect(core.definition(of: id)?.instances == 1)
        #expect(core.kill(["web.999"], of: id, scale: false, deploymentID: "d4", now: ClusterInstant(seconds: 4)).killed.isEmpty)
    }

    @Test func constraintsLeaveTheAppWaitingWithTheReason() throws {
        var core = ServicesCore()
        try core.put(app(3, constraints: [["hostname", "UNIQUE"]]), deploymentID: "d", now: .zero)
        let tasks = launched(core.offers([offer(1, host: "h1"), offer(2, host: "h2")], now: .zero))
        #expect(Set(tasks.map(\.agentID)) == ["h1", "h2"])
        _ = core.offers([offer(3, host: "h1")], now: ClusterInstant(seconds: 1))
        #expect(core.snapshot(of: try AppID(parsing: "/web"), now: ClusterInstant(seconds: 1))?.status == .waiting("hostname:UNIQUE: an instance already runs where hostname is h1"))
    }

    @Test func resourceShortfallIsTheReason() throws {
        var core = ServicesCore()
        try core.put(app(1), deploymentID: "d", now: .zero)
        _ = core.offers([offer(1, host: "h1", cpus: 0.5)], now: .zero)
        guard case .waiting(let reason)? = core.snapshot(of: try AppID(parsing: "/web"), now: .zero)?.status else { Issue.record("not waiting"); return }
        #expect(reason.hasPrefix("h1 is short of 0.5 cpus: an instance needs cpus:1;mem:256, its offer had cpus:0.5"))
        // Per agent: the latest offer of each says what it lacked, in Marathon's names too.
        _ = core.offers([offer(2, host: "h2", cpus: 2, mem: 100)], now: ClusterInstant(seconds: 1))
        let rejections = core.snapshot(of: try AppID(parsing: "/web"), now: ClusterInstant(seconds: 1))?.rejections ?? []
        #expect(rejections.map(\.hostname) == ["h1", "h2"])
        #expect(rejections.map(\.reasons) == [[.insufficientCpus], [.insufficientMemory]])
        #expect(rejections.last?.message.hasPrefix("h2 is short of 156M mem") == true, "\(rejections)")
        // Once the instance is placed, nothing is left waiting.
        _ = core.offers([offer(3, host: "h3")], now: ClusterInstant(seconds: 2))
        #expect(core.snapshot(of: try AppID(parsing: "/web"), now: ClusterInstant(seconds: 2))?.rejections == [])
    }

    @Test func scalingDownKillsTheNewestInstances() throws {
        var core = ServicesCore()
        try core.put(app(3), deploymentID: "d", now: .zero)
        let tasks = launched(core.offers([offer(1, host: "h1")], now: .zero))
        try core.put(app(1), deploymentID: "d", now: .zero)
        let kills = core.offers([], now: ClusterInstant(seconds: 1)).compactMap { if case .kill(let id, _) = $0 { id } else { nil } }
        #expect(Set(kills) == Set(tasks.suffix(2).map(\.taskID)))
        for id in kills { _ = core.update(TaskStatus(taskID: id, state: .killed), now: ClusterInstant(seconds: 2)) }
        #expect(core.snapshot(of: try AppID(parsing: "/web"), now: ClusterInstant(seconds: 2))?.staged == 1)
    }

    @Test func unhealthyInstanceIsKilledAndReplaced() throws {
        var core = ServicesCore()
        try core.put(app(1), deploymentID: "d", now: .zero)
        let task = try #require(launched(core.offers([offer(1, host: "h1")], now: .zero)).first)
        _ = core.update(TaskStatus(taskID: task.taskID, state: .running, healthy: true), now: ClusterInstant(seconds: 1))
        #expect(core.update(TaskStatus(taskID: task.taskID, state: .running, healthy: false), now: ClusterInstant(seconds: 2)) == [.kill(task.taskID, "h1")])
        #expect(launched(core.offers([offer(2, host: "h2")], now: ClusterInstant(seconds: 3))).count == 1)  // the replacement
    }

    @Test func invalidAppIsRefusedWithDetails() {
        var bad = app(1)
        bad.cpus = 0
        var core = ServicesCore()
        #expect(throws: AppDefinitionError(issues: [ValidationIssue(path: "/cpus", errors: ["must be from 0.001 to 1000000000, got 0.0"])])) { try core.put(bad, deploymentID: "d", now: .zero) }
    }
}

extension ServicesCoreTests {
    /// Marathon's launch-attempt counts: every offer an app waiting to launch was matched
    /// against counts once, used or not, with the unused ones by the funnel step that turned
    /// them away; they start again once the app has all its instances.
    @Test func aLaunchAttemptCountsTheOffersItLookedAtUntilTheAppIsComplete() throws {
        var core = ServicesCore()
        let id = try AppID(parsing: "/web")
        try core.put(app(3, constraints: [["hostname", "UNIQUE"]]), deploymentID: "d", now: .zero)
        #expect(launched(core.offers([offer(1, host: "small", cpus: 0.5)], now: ClusterInstant(seconds: 1))).isEmpty)
        #expect(launched(core.offers([offer(2, host: "h1"), offer(3, host: "h1-again", mem: 64)], now: ClusterInstant(seconds: 2))).count == 1)
        // h1 again: the hostname is taken.
        #expect(launched(core.offers([Offer(
            id: "o4", frameworkID: "services", agentID: "h1", hostname: "h1", role: "*",
            resources: Resources([.scalar("cpus", 4), .scalar("mem", 4096)]).allocated(to: "*"))], now: ClusterInstant(seconds: 3))).isEmpty)
        var attempt = try #require(core.snapshot(of: id, now: ClusterInstant(seconds: 3))?.launchAttempt)
        #expect(attempt.processedOffers == 4 && attempt.unusedOffers == 3)
        #expect(attempt.declined == [.insufficientCpus: 1, .insufficientMemory: 1, .unfulfilledConstraint: 1])

        #expect(launched(core.offers([offer(5, host: "h2"), offer(6, host: "h3")], now: ClusterInstant(seconds: 4))).count == 2)
        attempt = try #require(core.snapshot(of: id, now: ClusterInstant(seconds: 4))?.launchAttempt)
        #expect(attempt == LaunchAttempt(), "complete: the next attempt counts from nothing")
    }
}
