import CorralModel
import CorralSDK
import Testing

/// The driver's decisions, on its core and virtual time: how it subscribes again, ends,
/// acknowledges and keeps its tasks. Reconciliation has `ReconciliationTests`.
@Suite struct SchedulerDriverCoreTests {
    typealias Action = SchedulerDriverCore.Action

    private func launch(_ id: TaskID) -> SchedulerCall {
        .accept(offerIDs: ["o1"], operations: [.launch([TaskInfo(name: id.value, taskID: id, agentID: "agent-1", resources: Resources())])], filters: .default)
    }

    // MARK: Subscribing

    @Test func reconnectBackoffDoublesUpToTenSecondsAndStartsOverOnceAStreamOpens() {
        var driver = DriverOnVirtualTime(reconnects: true)
        #expect(driver.handle(.start).compactMap(\.subscribeDelay) == [.zero])
        var waits: [Duration] = []
        for _ in 0..<7 { waits += driver.handle(.failed("connection refused")).compactMap(\.subscribeDelay) }
        #expect(waits == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
        driver.handle(.connected)
        #expect(driver.handle(.closed).compactMap(\.subscribeDelay) == [.milliseconds(500)])
    }

    @Test func aLostConnectionTellsTheSchedulerAndSubscribesAgainWithTheFrameworksID() {
        var driver = DriverOnVirtualTime(reconnects: true)
        driver.subscribe(as: "f1")
        let actions = driver.handle(.closed)
        #expect(actions.contains(.tellDisconnected))
        #expect(actions.contains { if case .subscribe(let framework, _, _) = $0 { framework.id == "f1" } else { false } })
        #expect(driver.core.ending == nil)
    }

    @Test func overATransportThatDoesNotReconnectALostStreamEndsTheDriver() {
        var closed = DriverOnVirtualTime(reconnects: false)
        closed.subscribe()
        #expect(closed.handle(.closed) == [.end(.stopped)])
        #expect(closed.core.isStopped)
        var failed = DriverOnVirtualTime(reconnects: false)
        failed.handle(.start)
        #expect(failed.handle(.failed("connection refused")) == [.end(.unreachable("connection refused"))])
        #expect(!failed.core.isStopped, "run() throws the transport's error")
    }

    // MARK: Ending

    @Test func aRefusalEndsTheDriver() {
        var driver = DriverOnVirtualTime(reconnects: true)
        driver.subscribe()
        #expect(driver.handle(.received(.error("role not allowed"))) == [.tell(.error("role not allowed")), .end(.refused("role not allowed"))])
        #expect(driver.core.refusal == "role not allowed")
        #expect(driver.core.isStopped)
        #expect(driver.core.nextDeadline == nil)
        #expect(driver.handle(.received(.offers([]))).isEmpty)
        #expect(driver.handle(.closed).isEmpty, "no subscription after a refusal")
    }

    @Test func aRefusedSubscriptionIsNotTriedAgain() {
        var driver = DriverOnVirtualTime(reconnects: true)
        driver.handle(.start)
        #expect(driver.handle(.refused("bad credentials")) == [.tell(.error("bad credentials")), .end(.refused("bad credentials"))])
        #expect(driver.handle(.start).isEmpty)
    }

    @Test func stopWithTeardownTearsTheFrameworkDownOnceAndEnds() {
        var driver = DriverOnVirtualTime()
        driver.subscribe(as: "f1")
        #expect(driver.handle(.stop(teardown: true)) == [.send(.teardown, "f1"), .end(.stopped)])
        #expect(driver.handle(.stop(teardown: true)).isEmpty)
        var failingOver = DriverOnVirtualTime()
        failingOver.subscribe(as: "f1")
        #expect(failingOver.handle(.stop(teardown: false)) == [.end(.stopped)])
    }

    @Test func callsBeforeTheMasterGaveAnIDAreRejected() {
        var driver = DriverOnVirtualTime()
        driver.handle(.start)
        #expect(driver.handle(.call(.revive(roles: []))) == [.reject(.notSubscribed)])
        driver.subscribe(as: "f1")
        #expect(driver.handle(.call(.revive(roles: []))) == [.send(.revive(roles: []), "f1")])
    }

    // MARK: Updates

    @Test func updatesWithAUUIDAreAcknowledgedAfterTheSchedulerHasThem() {
        var driver = DriverOnVirtualTime()
        driver.subscribe(as: "f1")
        let fromAgent = TaskStatus(taskID: "t1", state: .running, agentID: "agent-1", uuid: [1, 2])
        #expect(driver.handle(.received(.update(fromAgent))) == [.tell(.update(fromAgent)), .send(.acknowledge(agentID: "agent-1", taskID: "t1", uuid: [1, 2]), "f1")])
        let fromMaster = TaskStatus(taskID: "t2", state: .lost, source: .master, reason: .reconciliation, agentID: "agent-1")
        #expect(driver.handle(.received(.update(fromMaster))) == [.tell(.update(fromMaster))], "nobody waits for an acknowledgement of a reconciliation's answer")
    }

    @Test func withoutImplicitAcknowledgementsTheSchedulerAcknowledges() {
        var driver = DriverOnVirtualTime(implicitAcknowledgements: false)
        driver.subscribe(as: "f1")
        let status = TaskStatus(taskID: "t1", state: .running, agentID: "agent-1", uuid: [1, 2])
        #expect(driver.handle(.received(.update(status))) == [.tell(.update(status))])
    }

    @Test func trackedTasksForgetTasksThatEnded() {
        var driver = DriverOnVirtualTime()
        driver.subscribe(as: "f1")
        driver.handle(.call(launch("t1")))
        driver.handle(.call(launch("t2")))
        #expect(driver.core.tasks.known.map(\.taskID) == ["t1", "t2"])
        driver.answer(TaskStatus(taskID: "t1", state: .finished, agentID: "agent-1", uuid: [1]))
        #expect(driver.core.tasks.known.map(\.taskID) == ["t2"])
        // The agent's retry of an earlier update, its acknowledgement lost: acknowledged, not told.
        let late = TaskStatus(taskID: "t1", state: .running, agentID: "agent-1", uuid: [0])
        let actions = driver.handle(.received(.update(late)))
        #expect(!actions.contains(.tell(.update(late))))
        #expect(actions.contains(.send(.acknowledge(agentID: "agent-1", taskID: "t1", uuid: [0]), "f1")))
        driver.handle(.received(.subscribed(frameworkID: "f1", heartbeatIntervalSeconds: 15, masterInfo: nil)))
        #expect(driver.reconciles.last == ["t2"])
    }

    @Test func heartbeatsReachNobodyAndOtherEventsReachTheScheduler() {
        var driver = DriverOnVirtualTime()
        driver.subscribe()
        #expect(driver.handle(.received(.heartbeat)).isEmpty)
        #expect(driver.handle(.received(.rescind("o1"))) == [.tell(.rescind("o1"))])
    }
}
