import CorralModel
import CorralSDK
import Testing

@testable import CorralServices

/// Readiness checks on a manual clock: the core asks for a probe of each new running task, every
/// `intervalSeconds`, and its deployment (and a rolling update's kills) wait for a ready answer.
@Suite struct ReadinessTests {
    let web = try! AppID(parsing: "/web")

    func offer(_ number: Int) -> Offer {
        Offer(id: OfferID("o\(number)"), frameworkID: "services", agentID: AgentID("a1"), hostname: "h1", role: "*",
              resources: Resources([.scalar("cpus", 16), .scalar("mem", 65536), .ranges("ports", [31000...31009])]).allocated(to: "*"))
    }

    func app(_ instances: Int, cmd: String = "serve", preserve: Bool = false) -> AppDefinition {
        var app = AppDefinition(id: "/web", cmd: cmd, instances: instances)
        app.cpus = 0.5
        app.mem = 64
        app.portDefinitions = [AppDefinition.PortDefinition(), AppDefinition.PortDefinition()]
        app.portDefinitions?[1].name = "http-api"
        var check = ReadinessCheck()
        check.path = "/ready"
        check.intervalSeconds = 5
        check.timeoutSeconds = 2
        check.httpStatusCodesForReady = [200, 204]
        check.preserveLastResponse = preserve
        app.readinessChecks = [check]
        return app
    }

    /// Launches what the offer takes and reports each launched task running.
    func launchAndRun(_ core: inout ServicesCore, offer number: Int, at now: ClusterInstant) -> [TaskID] {
        let launched = core.offers([offer(number)], now: now).flatMap { action -> [TaskID] in
            if case .launch(_, let tasks) = action { return tasks.map(\.taskID) }
            return []
        }
        for id in launched { _ = core.update(TaskStatus(taskID: id, state: .running), now: now) }
        return launched
    }

    func answer(_ status: Int) -> ReadinessResponse { ReadinessResponse(status: status, contentType: "text/plain", body: "status \(status)") }

    @Test func aDeploymentWaitsUntilItsNewTaskAnswersReady() throws {
        var core = ServicesCore()
        let start = ClusterInstant(seconds: 0)
        try core.put(app(1, preserve: true), deploymentID: "d1", now: start)
        let task = try #require(launchAndRun(&core, offer: 1, at: start).first)

        // Running is not enough: the task's readiness endpoint is asked, on the named port.
        let probes = core.dueReadinessProbes(now: start)
        #expect(probes == [ReadinessProbe(taskID: task, url: "http://h1:31001/ready", timeoutSeconds: 2)])
        #expect(core.dueReadinessProbes(now: start).isEmpty, "one probe at a time per task")
        #expect(core.nextDeadline(now: start) == nil, "a running probe is awaited, not timed")

        _ = core.readinessAnswered(task, answer(503), now: start + 0.1)
        #expect(core.activeDeployments.map(\.id) == ["d1"])
        let waiting = try #require(core.snapshot(of: web, now: start + 0.1))
        #expect(waiting.status == .deploying)
        #expect(waiting.readiness == [ReadinessCheckResult(name: "readinessCheck", taskID: task, ready: false, lastResponse: answer(503))])

        // The next probe is due an interval after the last one started.
        #expect(core.nextDeadline(now: start + 0.1) == start + 5)
        #expect(core.dueReadinessProbes(now: start + 4.9).isEmpty)
        #expect(core.dueReadinessProbes(now: start + 5).map(\.taskID) == [task])
        _ = core.readinessAnswered(task, answer(204), now: start + 5.1)

        #expect(core.activeDeployments.isEmpty)
        let settled = try #require(core.snapshot(of: web, now: start + 5.1))
        #expect(settled.status == .running)
        #expect(settled.readiness.isEmpty, "results are shown while the deployment runs")
        #expect(core.dueReadinessProbes(now: start + 20).isEmpty, "a ready task is not asked again")
        #expect(core.nextDeadline(now: start + 20) == nil)

        // A scale waits for its new task only, and shows only its result.
        try core.put(app(2, preserve: true), deploymentID: "d2", now: start + 30)
        let added = try #require(launchAndRun(&core, offer: 2, at: start + 30).first)
        #expect(core.dueReadinessProbes(now: start + 30).map(\.taskID) == [added])
        _ = core.readinessAnswered(added, answer(503), now: start + 30.1)
        #expect(core.snapshot(of: web, now: start + 30.1)?.readiness.map(\.taskID) == [added])
        #expect(core.activeDeployments.map(\.id) == ["d2"])
    }

    @Test func noAnswerIsNotReadyAndTheLastResponseIsKeptOnlyWhenAsked() throws {
        var core = ServicesCore()
        let start = ClusterInstant(seconds: 0)
        try core.put(app(1), deploymentID: "d1", now: start)
        let task = try #require(launchAndRun(&core, offer: 1, at: start).first)
        _ = core.dueReadinessProbes(now: start)
        _ = core.readinessAnswered(task, answer(503), now: start + 1)
        #expect(core.snapshot(of: web, now: start + 1)?.readiness == [ReadinessCheckResult(name: "readinessCheck", taskID: task, ready: false, lastResponse: nil)])
        _ = core.dueReadinessProbes(now: start + 5)
        _ = core.readinessAnswered(task, nil, now: start + 7)
        #expect(core.snapshot(of: web, now: start + 7)?.readiness.map(\.ready) == [false])
        #expect(core.activeDeployments.map(\.id) == ["d1"])
    }

    @Test func aRollingUpdateKillsOldTasksOnlyOnceNewOnesAreReady() throws {
        var core = ServicesCore()
        let start = ClusterInstant(seconds: 0)
        try core.put(app(1), deploymentID: "d1", now: start)
        let old = try #require(launchAndRun(&core, offer: 1, at: start).first)
        _ = core.dueReadinessProbes(now: start)
        _ = core.readinessAnswered(old, answer(200), now: start)
        #expect(core.activeDeployments.isEmpty)

        try core.put(app(1, cmd: "serve --v2"), deploymentID: "d2", now: start + 10)
        let new = try #require(launchAndRun(&core, offer: 2, at: start + 10).first)
        // Running, but not ready: the old task keeps serving.
        #expect(core.step(now: start + 11).isEmpty)
        #expect(core.dueReadinessProbes(now: start + 11).map(\.taskID) == [new])
        let notYet = core.readinessAnswered(new, answer(503), now: start + 11)
        #expect(!notYet.contains(.kill(old, AgentID("a1"))))
        let kills = core.readinessAnswered(new, answer(200), now: start + 16)
        #expect(kills == [.kill(old, AgentID("a1"))])
    }

    @Test func anAppWithoutAReadinessCheckIsNeverProbed() throws {
        var core = ServicesCore()
        var plain = app(1)
        plain.readinessChecks = []
        try core.put(plain, deploymentID: "d1", now: .zero)
        _ = launchAndRun(&core, offer: 1, at: .zero)
        #expect(core.dueReadinessProbes(now: .zero).isEmpty)
        #expect(core.activeDeployments.isEmpty)
    }
}
