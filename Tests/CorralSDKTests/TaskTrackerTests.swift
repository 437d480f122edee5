import CorralModel
import CorralSDK
import Testing

/// What the driver keeps of its tasks; each rule here was found by `corral sim`.
@Suite struct TaskTrackerTests {
    private func launch(_ id: TaskID, on agent: AgentID = "agent-1") -> SchedulerCall {
        .accept(offerIDs: ["o1"], operations: [.launch([TaskInfo(name: id.value, taskID: id, agentID: agent, resources: Resources())])], filters: Filters())
    }

    /// An agent re-sends an update whose acknowledgement was lost; by then reconciliation told
    /// the framework the task ended. The late TASK_STARTING must not bring it back.
    @Test func aNonTerminalUpdateAfterTheEndIsStale() {
        var tracker = TaskTracker()
        tracker.sent(launch("t1"), at: ClusterInstant(seconds: 0))
        let starting = tracker.heard(TaskStatus(taskID: "t1", state: .starting, agentID: "agent-1"))
        #expect(starting)
        let finished = tracker.heard(TaskStatus(taskID: "t1", state: .finished, agentID: "agent-1"))
        #expect(finished)
        let stale = tracker.heard(TaskStatus(taskID: "t1", state: .starting, agentID: "agent-1"))
        #expect(!stale)
        #expect(tracker.known.isEmpty)
    }

    /// TASK_LOST is not final for a framework that is not partition-aware: its agent may come back.
    @Test func aTaskLostMayRunAgain() {
        var tracker = TaskTracker()
        let lost = tracker.heard(TaskStatus(taskID: "t1", state: .lost, agentID: "agent-1"))
        #expect(lost)
        let runningAgain = tracker.heard(TaskStatus(taskID: "t1", state: .running, agentID: "agent-1"))
        #expect(runningAgain)
        #expect(tracker.known.map(\.taskID) == ["t1"])
    }

    /// A RECONCILE that overtakes its ACCEPT is answered TASK_GONE for a task about to start:
    /// a launch of this subscription is not asked about until it had time to arrive.
    @Test func launchesInFlightAreNotReconciledYet() {
        var tracker = TaskTracker()
        tracker.sent(launch("early"), at: ClusterInstant(seconds: 0))
        tracker.subscribed()
        tracker.sent(launch("late"), at: ClusterInstant(seconds: 100))
        #expect(tracker.reconcilable(at: ClusterInstant(seconds: 101)).map(\.taskID) == ["early"])
        #expect(tracker.reconcilable(at: ClusterInstant(seconds: 100) + TaskTracker.launchSettle).map(\.taskID) == ["early", "late"])
        _ = tracker.heard(TaskStatus(taskID: "late", state: .staging, agentID: "agent-1"))
        #expect(tracker.reconcilable(at: ClusterInstant(seconds: 101)).map(\.taskID) == ["early", "late"])
    }

    @Test func reconciliationWaitsForTheTasksNotAnsweredFor() {
        var tracker = TaskTracker()
        tracker.adopt([ReconcileTask(taskID: "a"), ReconcileTask(taskID: "b")])
        let mark = tracker.updatesHeard
        _ = tracker.heard(TaskStatus(taskID: "a", state: .running))
        #expect(tracker.unanswered(tracker.known, since: mark).map(\.taskID) == ["b"])
    }
}
