import CorralModel
import CorralSDK
import CorralTesting
import Logging
import Testing

@testable import CorralServices

/// Services says when it next has something to do without an event, and its framework sleeps
/// until then on its clock instead of waking every half second.
@Suite(.timeLimit(.minutes(1))) struct ServicesDeadlineTests {
    let id = try! AppID(parsing: "/web")
    let start = ClusterInstant(offset: .seconds(1000), wall: .zero)

    func offer(_ number: Int) -> Offer {
        Offer(id: OfferID("o\(number)"), frameworkID: "scripted-framework", agentID: "a1", hostname: "h1", role: "*",
              resources: Resources([.scalar("cpus", 8), .scalar("mem", 8192)]).allocated(to: "*"))
    }

    func app(_ instances: Int, strategy: UnreachableStrategy = .marathonDefault) -> AppDefinition {
        var app = AppDefinition(id: "/web", cmd: "serve", instances: instances)
        app.cpus = 0.5
        app.mem = 64
        app.unreachableStrategy = strategy
        app.backoffSeconds = 5
        return app
    }

    @Test func aSettledAppHasNoDeadline() throws {
        var core = ServicesCore()
        try core.put(app(1), deploymentID: "d", now: start)
        for case .launch(_, let tasks) in core.offers([offer(1)], now: start) {
            _ = core.update(TaskStatus(taskID: tasks[0].taskID, state: .running), now: start)
        }
        #expect(core.nextDeadline(now: start) == nil)
    }

    @Test func aFailedInstanceMakesTheEndOfItsBackoffTheDeadline() throws {
        var core = ServicesCore()
        try core.put(app(1), deploymentID: "d", now: start)
        var tasks: [TaskInfo] = []
        for case .launch(_, let launched) in core.offers([offer(1)], now: start) { tasks += launched }
        let failed = start + .seconds(10)
        _ = core.update(TaskStatus(taskID: tasks[0].taskID, state: .failed), now: failed)
        #expect(core.nextDeadline(now: failed) == failed + .seconds(5))
        // Once the backoff is over nothing is due until the next event.
        #expect(core.nextDeadline(now: failed + .seconds(5)) == nil)
    }

    @Test func anUnreachableInstanceIsDueWhenInactiveThenWhenExpunged() throws {
        var core = ServicesCore()
        try core.put(app(1, strategy: .after(inactiveSeconds: 60, expungeSeconds: 300)), deploymentID: "d", now: start)
        var tasks: [TaskInfo] = []
        for case .launch(_, let launched) in core.offers([offer(1)], now: start) { tasks += launched }
        _ = core.update(TaskStatus(taskID: tasks[0].taskID, state: .running), now: start)
        _ = core.update(TaskStatus(taskID: tasks[0].taskID, state: .unreachable, agentID: "a1"), now: start + .seconds(10))
        #expect(core.nextDeadline(now: start) == start + .seconds(70))
        // The wall clock jumps a day ahead: the instance still counts until 60 s have passed.
        let jumped = ClusterInstant(offset: start.offset + .seconds(69), wall: start.wall + 86_400)
        _ = core.step(now: jumped)
        #expect(core.snapshot(of: id, now: jumped)?.instances.first?.inactive == false)
        _ = core.step(now: start + .seconds(70))
        #expect(core.nextDeadline(now: start + .seconds(70)) == start + .seconds(310))
    }

    /// No tick: the framework's timer wakes it when the unreachable instance stops counting, and
    /// it asks for offers for the replacement.
    @Test func theFrameworkWakesAtItsDeadlineOnItsClock() async throws {
        let master = ScriptedMaster()
        let clock = ManualClock()
        let services = try ServicesFramework(store: ServicesStore(path: nil), clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await services.run(transport: master) }
        defer { running.cancel() }
        #expect(await eventually { await services.frameworkID != nil })
        _ = try await services.create(app(1, strategy: .after(inactiveSeconds: 60, expungeSeconds: 300)))
        master.emit(.offers([offer(1)]))
        #expect(await eventually { (try? await services.app(id).staged) == 1 })
        let taskID = try #require(await services.app(id).instances.first?.taskID)
        master.emit(.update(TaskStatus(taskID: taskID, state: .running, agentID: "a1")))
        #expect(await eventually { master.calls.last?.typeName == "SUPPRESS" })
        master.emit(.update(TaskStatus(taskID: taskID, state: .unreachable, agentID: "a1")))
        #expect(await eventually { (try? await services.app(id).instances.first?.unreachableSince) != nil })
        let calls = master.calls.count

        #expect(await clock.advanceUntilSettled(by: .seconds(59)))
        #expect(!master.calls.dropFirst(calls).contains { $0.typeName == "REVIVE" })  // still counts
        clock.advance(by: .seconds(1))
        #expect(await eventually { master.calls.dropFirst(calls).contains { $0.typeName == "REVIVE" } }, "calls: \(master.calls.map(\.typeName))")
    }
}
