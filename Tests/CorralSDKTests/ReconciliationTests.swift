import CorralModel
import CorralSDK
import CorralTesting
import Testing

/// The driver reconciles for every framework, with no code from its author: after each
/// subscription it asks about every task the framework has, again with backoff for those the
/// master does not answer for, and then periodically. On the driver's core and virtual time,
/// against a master the test plays; the last test runs the actor around it.
@Suite(.timeLimit(.minutes(1))) struct ReconciliationTests {
    let before = [ReconcileTask(taskID: "a", agentID: "agent-1"), ReconcileTask(taskID: "b", agentID: "agent-2")]

    func start(policy: ReconciliationPolicy = ReconciliationPolicy()) -> DriverOnVirtualTime {
        var driver = DriverOnVirtualTime(policy: policy)
        driver.knownTasks = before
        driver.subscribe(as: "scripted-framework")
        return driver
    }

    func status(_ id: TaskID, _ state: TaskState) -> TaskStatus {
        TaskStatus(taskID: id, state: state, source: .master, reason: .reconciliation, agentID: "agent-1")
    }

    @Test func afterSubscribingItAsksAgainWithBackoffUntilEveryTaskIsAnsweredFor() {
        var driver = start()
        #expect(driver.reconciles == [["a", "b"]])
        driver.answer(status("a", .running))  // b's agent has not come back yet: no answer
        driver.advance(by: .seconds(1))
        #expect(driver.reconciles == [["a", "b"], ["b"]])
        driver.advance(by: .seconds(1.5))  // the backoff doubled to 2 s
        #expect(driver.reconciles.count == 2)
        driver.advance(by: .seconds(0.5))
        #expect(driver.reconciles == [["a", "b"], ["b"], ["b"]])
        driver.answer(status("b", .unreachable))
        driver.advance(by: .seconds(4))
        #expect(driver.reconciles.count == 3, "b was answered for")
    }

    @Test func tasksItLaunchedAreReconciledAfterTheNextSubscriptionAndEndedOnesAreNot() {
        var driver = start()
        #expect(!driver.reconciles.isEmpty)
        driver.answer(status("a", .running), status("b", .finished))
        // What the scheduler's store says it had, less what it saw end.
        driver.knownTasks = [before[0]]
        let task = TaskInfo(name: "c", taskID: "c", agentID: "agent-3", resources: Resources(), command: .shell("x"))
        driver.handle(.call(.accept(offerIDs: ["o1"], operations: [.launch([task])], filters: .default)))
        #expect(driver.core.tasks.known.map(\.taskID) == ["a", "c"])

        driver.handle(.received(.subscribed(frameworkID: "scripted-framework", heartbeatIntervalSeconds: 15, masterInfo: nil)))  // a master failover
        #expect(driver.reconciles.last == ["a", "c"])
        #expect(driver.calls.contains(.reconcile([ReconcileTask(taskID: "a", agentID: "agent-1"), ReconcileTask(taskID: "c", agentID: "agent-3")])))
    }

    @Test func periodicallyItReconcilesImplicitlyAndExplicitly() {
        var driver = start(policy: ReconciliationPolicy(firstPeriodic: .seconds(15), interval: .seconds(600)))
        #expect(driver.reconciles == [["a", "b"]])
        driver.answer(status("a", .running), status("b", .running))
        driver.advance(by: .seconds(1))  // both answered: the retries stop, the periodic wait begins
        driver.advance(by: .seconds(15))
        #expect(driver.reconciles.suffix(2) == [[], ["a", "b"]])
        driver.advance(by: .seconds(599))
        #expect(driver.reconciles.count == 3)
        driver.advance(by: .seconds(1))
        #expect(driver.reconciles.count == 5)
    }

    @Test func aLostStreamStopsTheRetriesUntilTheNextSubscription() {
        var driver = DriverOnVirtualTime(reconnects: true)
        driver.knownTasks = before
        driver.subscribe()
        driver.handle(.failed("connection reset"))
        #expect(driver.core.nextDeadline == nil)
        driver.advance(by: .seconds(60))
        #expect(driver.reconciles == [["a", "b"]])
        driver.handle(.connected)
        driver.handle(.received(.subscribed(frameworkID: "f1", heartbeatIntervalSeconds: 15, masterInfo: nil)))
        #expect(driver.reconciles == [["a", "b"], ["a", "b"]])
    }

    // MARK: The actor

    actor Remembering: Scheduler {
        let before: [ReconcileTask]
        private(set) var heard: [TaskID] = []
        init(before: [ReconcileTask]) { self.before = before }
        func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {}
        func update(_ driver: SchedulerDriver, _ status: TaskStatus) async { heard.append(status.taskID) }
        func knownTasks(_ driver: SchedulerDriver) async -> [ReconcileTask] { before }
    }

    /// The actor asks its scheduler for the tasks it had, sends the core's RECONCILE, and
    /// retries it when the core's deadline comes on the driver's clock.
    @Test func theDriverAsksItsSchedulerForItsTasksAndRetriesOnItsClock() async throws {
        let master = ScriptedMaster()
        let clock = ManualClock()
        let scheduler = Remembering(before: before)
        let driver = SchedulerDriver(scheduler: scheduler, framework: FrameworkInfo(name: "f"), transport: master, clock: clock)
        let running = Task { try await driver.run() }
        defer { running.cancel() }
        @Sendable func reconciles() -> [[TaskID]] { master.calls.compactMap { if case .reconcile(let tasks) = $0 { tasks.map(\.taskID) } else { nil } } }
        #expect(await eventually { reconciles() == [["a", "b"]] })
        master.emit(.update(status("a", .running)))
        #expect(await eventually { await scheduler.heard == ["a"] })
        #expect(await eventually { clock.sleeperCount > 0 })
        clock.advance(by: .seconds(1))
        #expect(await eventually { reconciles() == [["a", "b"], ["b"]] })
        await driver.stop()
        #expect(try await running.value(within: .seconds(30)) != nil, "it ended")
        #expect(master.calls.last == .teardown)
    }
}
