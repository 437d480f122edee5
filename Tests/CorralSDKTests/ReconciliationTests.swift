import CorralModel
import CorralSDK
import CorralTesting
import Testing

/// The driver reconciles for every framework, with no code from its author: after each
/// subscription it asks about every task the framework has, again with backoff for those the
/// master does not answer for, and then periodically. On a manual clock, against a master the
/// test plays.
@Suite(.timeLimit(.minutes(1))) struct ReconciliationTests {
    actor Remembering: Scheduler {
        let before: [ReconcileTask]
        private(set) var heard: [TaskID] = []
        private var ended: Set<TaskID> = []
        init(before: [ReconcileTask]) { self.before = before }
        func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {}
        func update(_ driver: SchedulerDriver, _ status: TaskStatus) async {
            heard.append(status.taskID)
            if status.state.isTerminal { ended.insert(status.taskID) }
        }
        /// What it had before, as a framework's store would say: less what it saw end.
        func knownTasks(_ driver: SchedulerDriver) async -> [ReconcileTask] { before.filter { !ended.contains($0.taskID) } }
    }

    let before = [ReconcileTask(taskID: "a", agentID: "agent-1"), ReconcileTask(taskID: "b", agentID: "agent-2")]

    func start(_ master: ScriptedMaster, _ clock: ManualClock, policy: ReconciliationPolicy = ReconciliationPolicy()) -> (SchedulerDriver, Remembering, Task<Void, any Error>) {
        let scheduler = Remembering(before: before)
        let driver = SchedulerDriver(scheduler: scheduler, framework: FrameworkInfo(name: "f"), transport: master, reconciliation: policy, clock: clock)
        return (driver, scheduler, Task { try await driver.run() })
    }

    /// Emits updates and waits until the scheduler has them (the driver has then noted them).
    func answer(_ master: ScriptedMaster, _ scheduler: Remembering, _ statuses: TaskStatus...) async {
        let before = await scheduler.heard.count
        for status in statuses { master.emit(.update(status)) }
        #expect(await eventually { await scheduler.heard.count == before + statuses.count })
    }

    func reconciles(_ master: ScriptedMaster) -> [[TaskID]] {
        master.calls.compactMap { if case .reconcile(let tasks) = $0 { tasks.map(\.taskID) } else { nil } }
    }

    func status(_ id: TaskID, _ state: TaskState) -> TaskStatus {
        TaskStatus(taskID: id, state: state, source: .master, reason: .reconciliation, agentID: "agent-1")
    }

    @Test func afterSubscribingItAsksAgainWithBackoffUntilEveryTaskIsAnsweredFor() async throws {
        let master = ScriptedMaster()
        let clock = ManualClock()
        let (_, scheduler, running) = start(master, clock)
        defer { running.cancel() }
        #expect(await eventually { reconciles(master) == [["a", "b"]] })
        await answer(master, scheduler, status("a", .running))  // b's agent has not come back yet: no answer
        #expect(await eventually { clock.sleeperCount > 0 })
        clock.advance(by: .seconds(1))
        #expect(await eventually { reconciles(master) == [["a", "b"], ["b"]] })
        #expect(await eventually { clock.sleeperCount > 0 })
        clock.advance(by: .seconds(1.5))  // the backoff doubled to 2 s
        #expect(reconciles(master).count == 2)
        clock.advance(by: .seconds(0.5))
        #expect(await eventually { reconciles(master) == [["a", "b"], ["b"], ["b"]] })
        await answer(master, scheduler, status("b", .unreachable))
        #expect(await eventually { clock.sleeperCount > 0 })
        clock.advance(by: .seconds(4))
        try await Task.sleep(for: .milliseconds(50))
        #expect(reconciles(master).count == 3, "b was answered for")
    }

    @Test func tasksItLaunchedAreReconciledAfterTheNextSubscriptionAndEndedOnesAreNot() async throws {
        let master = ScriptedMaster()
        let clock = ManualClock()
        let (driver, scheduler, running) = start(master, clock)
        defer { running.cancel() }
        #expect(await eventually { !reconciles(master).isEmpty })
        await answer(master, scheduler, status("a", .running), status("b", .finished))
        let task = TaskInfo(name: "c", taskID: "c", agentID: "agent-3", resources: Resources(), command: .shell("x"))
        try await driver.launch([task], on: ["o1"])
        #expect(await driver.knownTasks.map(\.taskID) == ["a", "c"])

        master.emit(.subscribed(frameworkID: "scripted-framework", heartbeatIntervalSeconds: 15, masterInfo: nil))  // a master failover
        #expect(await eventually { reconciles(master).last == ["a", "c"] })
        #expect(master.calls.contains(.reconcile([ReconcileTask(taskID: "a", agentID: "agent-1"), ReconcileTask(taskID: "c", agentID: "agent-3")])))
    }

    @Test func periodicallyItReconcilesImplicitlyAndExplicitly() async throws {
        let master = ScriptedMaster()
        let clock = ManualClock()
        let (_, scheduler, running) = start(master, clock, policy: ReconciliationPolicy(firstPeriodic: .seconds(15), interval: .seconds(600)))
        defer { running.cancel() }
        #expect(await eventually { reconciles(master) == [["a", "b"]] })
        await answer(master, scheduler, status("a", .running), status("b", .running))
        #expect(await eventually { clock.sleeperCount > 0 })
        clock.advance(by: .seconds(1))  // both answered: the retries stop, the periodic wait begins
        #expect(await eventually { clock.sleeperCount > 0 })
        clock.advance(by: .seconds(15))
        #expect(await eventually { reconciles(master).suffix(2) == [[], ["a", "b"]] })
        #expect(await eventually { clock.sleeperCount > 0 })
        clock.advance(by: .seconds(599))
        try await Task.sleep(for: .milliseconds(50))
        #expect(reconciles(master).count == 3)
        clock.advance(by: .seconds(1))
        #expect(await eventually { reconciles(master).count == 5 })
    }
}
