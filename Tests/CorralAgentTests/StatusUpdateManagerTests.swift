import CorralModel
import Testing

@testable import CorralAgent

@Suite struct StatusUpdateManagerTests {
    func update(_ task: String, _ state: TaskState, uuid: UInt8) -> StatusUpdate {
        StatusUpdate(frameworkID: "f", status: TaskStatus(taskID: TaskID(task), state: state, uuid: Array(repeating: uuid, count: 16)))
    }

    @Test func onlyTheOldestUpdateOfATaskIsInFlight() {
        var manager = StatusUpdateManager(initialBackoff: .seconds(10))
        let starting = update("t", .starting, uuid: 1)
        let running = update("t", .running, uuid: 2)
        #expect(manager.enqueue(starting, now: .zero) == starting)
        #expect(manager.enqueue(running, now: .zero) == nil)  // waits for starting's ack
        #expect(manager.enqueue(update("other", .running, uuid: 3), now: .zero) != nil)  // tasks are independent

        #expect(manager.acknowledge(TaskKey("f", "t"), uuid: running.status.uuid!, now: .zero) == .ignored)
        #expect(manager.acknowledge(TaskKey("f", "t"), uuid: starting.status.uuid!, now: .zero) == .accepted(next: running, terminal: false))
    }

    @Test func unacknowledgedUpdatesAreResentWithDoublingBackoff() {
        var manager = StatusUpdateManager(initialBackoff: .seconds(10), maxBackoff: .seconds(30))
        let running = update("t", .running, uuid: 1)
        _ = manager.enqueue(running, now: ClusterInstant(seconds: 0))
        #expect(manager.due(now: ClusterInstant(seconds: 9)).isEmpty)
        #expect(manager.due(now: ClusterInstant(seconds: 10)) == [running])  // next after 20 s more
        #expect(manager.due(now: ClusterInstant(seconds: 29)).isEmpty)
        #expect(manager.due(now: ClusterInstant(seconds: 30)) == [running])  // next after 30 s (the cap)
        #expect(manager.due(now: ClusterInstant(seconds: 59)).isEmpty)
        #expect(manager.due(now: ClusterInstant(seconds: 60)) == [running])
        _ = manager.acknowledge(TaskKey("f", "t"), uuid: running.status.uuid!, now: ClusterInstant(seconds: 61))
        #expect(manager.due(now: ClusterInstant(seconds: 1000)).isEmpty)
    }

    @Test func acknowledgedTerminalUpdateClosesTheStream() {
        var manager = StatusUpdateManager()
        let finished = update("t", .finished, uuid: 9)
        _ = manager.enqueue(finished, now: .zero)
        #expect(manager.acknowledge(TaskKey("f", "t"), uuid: finished.status.uuid!, now: .zero) == .accepted(next: nil, terminal: true))
        #expect(!manager.hasPending(TaskKey("f", "t")))
    }
}
