import CorralModel
import CorralSDK
import Foundation
import Testing

@testable import CorralServices

/// What Services does with instances whose fate it cannot see: unreachable ones wait as the
/// app's unreachable strategy says; those the master says are gone, unknown or dropped are
/// replaced; after every subscription none counts as running until the master confirms it.
@Suite struct UnreachableInstancesTests {
    let id = try! AppID(parsing: "/web")

    func offer(_ number: Int) -> Offer {
        Offer(id: OfferID("o\(number)"), frameworkID: "services", agentID: "a1", hostname: "h1", role: "*",
              resources: Resources([.scalar("cpus", 8), .scalar("mem", 8192)]).allocated(to: "*"))
    }

    func running(_ instances: Int, strategy: UnreachableStrategy = .marathonDefault) throws -> (ServicesCore, [TaskInfo]) {
        var core = ServicesCore()
        var app = AppDefinition(id: "/web", cmd: "serve", instances: instances)
        app.cpus = 0.5
        app.mem = 64
        app.unreachableStrategy = strategy
        try core.put(app, deploymentID: "d", now: .zero)
        var tasks: [TaskInfo] = []
        for case .launch(_, let launched) in core.offers([offer(1)], now: .zero) { tasks += launched }
        for task in tasks { _ = core.update(TaskStatus(taskID: task.taskID, state: .running), now: ClusterInstant(seconds: 1)) }
        return (core, tasks)
    }

    func launches(_ actions: [FrameworkAction]) -> Int { actions.reduce(0) { if case .launch(_, let tasks) = $1 { $0 + tasks.count } else { $0 } } }

    @Test func withMarathonsDefaultAnUnreachableInstanceIsReplacedAtOnceAndKilledIfItComesBack() throws {
        var (core, tasks) = try running(2)
        _ = core.update(TaskStatus(taskID: tasks[0].taskID, state: .unreachable, agentID: "a1"), now: ClusterInstant(seconds: 5))
        #expect(core.snapshot(of: id, now: ClusterInstant(seconds: 5))?.running == 1)
        #expect(launches(core.offers([offer(2)], now: ClusterInstant(seconds: 5))) == 1)
        // The agent comes back: the forgotten task is one Services does not know.
        #expect(core.update(TaskStatus(taskID: tasks[0].taskID, state: .running, agentID: "a1"), now: ClusterInstant(seconds: 9)) == [.kill(tasks[0].taskID, "a1")])
    }

    @Test func anUnreachableInstanceCountsUntilInactiveAndIsKeptUntilExpunged() throws {
        var (core, tasks) = try running(2, strategy: .after(inactiveSeconds: 60, expungeSeconds: 300))
        _ = core.update(TaskStatus(taskID: tasks[0].taskID, state: .unreachable, agentID: "a1"), now: ClusterInstant(seconds: 10))
        #expect(core.snapshot(of: id, now: ClusterInstant(seconds: 10))?.running == 1)
        #expect(launches(core.offers([offer(2)], now: ClusterInstant(seconds: 69))) == 0)  // still counts
        _ = core.step(now: ClusterInstant(seconds: 70))
        #expect(launches(core.offers([offer(3)], now: ClusterInstant(seconds: 70))) == 1)  // inactive: replaced
        // Back before it is expunged: running again, and one instance too many goes.
        let back = core.update(TaskStatus(taskID: tasks[0].taskID, state: .running, agentID: "a1"), now: ClusterInstant(seconds: 100))
        #expect(back.count == 1 && core.snapshot(of: id, now: ClusterInstant(seconds: 100))?.instances.count == 3)
        #expect(core.allInstances.filter(\.killing).count == 1)
    }

    @Test(arguments: [TaskState.lost, .gone, .goneByOperator, .unknown, .dropped])
    func anInstanceTheMasterSaysIsGoneIsReplaced(state: TaskState) throws {
        var (core, tasks) = try running(1)
        _ = core.update(TaskStatus(taskID: tasks[0].taskID, state: state, reason: .reconciliation), now: ClusterInstant(seconds: 5))
        #expect(core.allInstances.isEmpty)
        #expect(launches(core.offers([offer(2)], now: ClusterInstant(seconds: 30))) == 1)
    }

    @Test func afterASubscriptionNothingCountsAsRunningUntilTheMasterConfirmsIt() throws {
        var (core, tasks) = try running(2)
        #expect(core.snapshot(of: id, now: ClusterInstant(seconds: 2))?.running == 2)
        core.resubscribed()
        #expect(core.snapshot(of: id, now: ClusterInstant(seconds: 2))?.running == 0)
        #expect(launches(core.offers([offer(2)], now: ClusterInstant(seconds: 2))) == 0)  // nothing launched twice
        _ = core.update(TaskStatus(taskID: tasks[0].taskID, state: .running, reason: .reconciliation), now: ClusterInstant(seconds: 3))
        #expect(core.snapshot(of: id, now: ClusterInstant(seconds: 3))?.running == 1)
        #expect(core.trackedTasks.map(\.taskID).sorted() == tasks.map(\.taskID).sorted())
    }

    @Test func theStrategyReadsAndWritesAsMarathonsAndIsChecked() throws {
        let disabled = try JSONDecoder().decode(AppDefinition.self, from: Data(#"{"id":"/a","cmd":"x","unreachableStrategy":"disabled"}"#.utf8))
        #expect(disabled.unreachableStrategy == .disabled)
        #expect(String(decoding: try JSONEncoder().encode(UnreachableStrategy.after(inactiveSeconds: 5, expungeSeconds: 10)), as: UTF8.self).contains(#""expungeAfterSeconds":10"#))
        let defaulted = try JSONDecoder().decode(AppDefinition.self, from: Data(#"{"id":"/a","cmd":"x"}"#.utf8))
        #expect(defaulted.unreachableStrategy == .after(inactiveSeconds: 0, expungeSeconds: 0))
        var bad = defaulted
        bad.unreachableStrategy = .after(inactiveSeconds: 60, expungeSeconds: 10)
        #expect(bad.validationIssues() == [ValidationIssue(path: "/unreachableStrategy", errors: ["expungeAfterSeconds (10.0) must not be less than inactiveAfterSeconds (60.0)"])])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AppDefinition.self, from: Data(#"{"id":"/a","cmd":"x","unreachableStrategy":"later"}"#.utf8)) }
    }
}
