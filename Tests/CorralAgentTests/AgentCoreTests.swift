import CorralModel
import Testing

@testable import CorralAgent

/// The agent's core on a manual clock, with no process in sight: what it checkpoints, when, and
/// in which order relative to what it sends; kill escalation; recovery; draining.
@Suite struct AgentCoreTests {
    static let framework = FrameworkInfo(name: "web", id: "fw", capabilities: [.taskKillingState])
    let t0 = ClusterInstant(seconds: 1_000)

    func registered() -> AgentCore {
        var core = AgentCore(agentID: nil, seed: 7)
        _ = core.handle(.registered("agent-1"), now: t0)
        return core
    }

    func launch(_ core: inout AgentCore, _ id: TaskID, at now: ClusterInstant) throws -> [AgentCore.Action] {
        let task = TaskInfo(name: id.value, taskID: id, agentID: "agent-1", resources: try Resources(parsing: "cpus:0.1;mem:32"), command: .shell("sleep 100"))
        return core.handle(.message(.launch(LaunchRequest(framework: Self.framework, tasks: [task]))), now: now)
    }

    func sent(_ actions: [AgentCore.Action]) -> [StatusUpdate] {
        actions.compactMap { if case .send(let update) = $0 { update } else { nil } }
    }

    func acknowledge(_ core: inout AgentCore, _ update: StatusUpdate, at now: ClusterInstant) -> [AgentCore.Action] {
        core.handle(.message(.acknowledge(update.frameworkID, update.status.taskID, uuid: update.status.uuid ?? [])), now: now)
    }

    /// A framework ID of ".." would put the sandbox outside the agent's work dir: the agent
    /// refuses it even if a master let it through.
    @Test func anIDThatCannotNameADirectoryIsATaskErrorNotALaunch() throws {
        var core = registered()
        var framework = Self.framework
        framework.id = ".."
        let task = TaskInfo(name: "t", taskID: "t", agentID: "agent-1", resources: try Resources(parsing: "cpus:0.1;mem:32"), command: .shell("true"))
        let actions = core.handle(.message(.launch(LaunchRequest(framework: framework, tasks: [task]))), now: t0)
        #expect(!actions.contains { if case .launchContainer = $0 { true } else { false } })
        let update = try #require(sent(actions).first)
        #expect(update.status.state == .error)
        #expect(update.status.message?.contains("must not be '.' or '..'") == true)
    }

    @Test func aLaunchIsCheckpointedBeforeItStartsAndEachUpdateBeforeItIsSent() throws {
        var core = registered()
        let actions = try launch(&core, "t1", at: t0)
        let task = try #require(actions.firstIndex { if case .checkpointTask = $0 { true } else { false } })
        let update = try #require(actions.firstIndex { if case .checkpointUpdate = $0 { true } else { false } })
        let send = try #require(actions.firstIndex { if case .send = $0 { true } else { false } })
        let start = try #require(actions.firstIndex { if case .launchContainer = $0 { true } else { false } })
        #expect(actions.contains(.checkpointFramework(Self.framework)))
        #expect(task < update && update < send && task < start)
        #expect(sent(actions).map(\.status.state) == [.starting])
    }

    @Test func updatesGoOneAtATimeAndAnAcknowledgedEndForgetsTheTask() throws {
        var core = registered()
        let starting = try #require(sent(try launch(&core, "t1", at: t0)).first)
        // RUNNING waits behind STARTING until that is acknowledged.
        #expect(sent(core.handle(.containerStarted(TaskKey("fw", "t1")), now: t0)).isEmpty)
        let running = try #require(sent(acknowledge(&core, starting, at: t0 + 1)).first)
        #expect(running.status.state == .running)
        #expect(acknowledge(&core, running, at: t0 + 2) == [.checkpointAcknowledgement(uuid: running.status.uuid ?? [], containerID: "1-t1")])
        let ended = core.handle(.containerEnded(TaskKey("fw", "t1"), ContainerTermination(exit: .exited(3))), now: t0 + 3)
        let failed = try #require(sent(ended).first)
        #expect(failed.status.state == .failed && failed.status.message == "Command exited with status 3")
        #expect(ended.contains(.destroyContainer(containerID: "1-t1")))
        #expect(!ended.contains(.forgetTask(containerID: "1-t1")))  // not acknowledged yet
        let done = acknowledge(&core, failed, at: t0 + 4)
        #expect(done == [.forgetTask(containerID: "1-t1")])  // no acknowledgement to record in a log that goes
        #expect(core.inventory == .empty)
    }

    @Test func anUnacknowledgedUpdateIsSentAgainWithBackoff() throws {
        var core = registered()
        let starting = try #require(sent(try launch(&core, "t1", at: t0)).first)
        #expect(core.nextDeadline == t0 + 10)
        #expect(sent(core.handle(.tick, now: t0 + 10)) == [starting])
        #expect(core.nextDeadline == t0 + 30)  // the backoff doubled
    }

    @Test func aKillSendsTermThenKillWhenTheGraceRunsOut() throws {
        var core = registered()
        let starting = try #require(sent(try launch(&core, "t1", at: t0)).first)
        _ = core.handle(.containerStarted(TaskKey("fw", "t1")), now: t0)
        _ = acknowledge(&core, starting, at: t0)
        let kill = core.handle(.message(.kill("fw", "t1", KillPolicy(gracePeriodSeconds: 5))), now: t0 + 1)
        #expect(kill.contains(.signal(containerID: "1-t1", SIGTERM_NUMBER)))
        #expect(core.task(TaskKey("fw", "t1"))?.state == .killing)
        #expect(core.nextDeadline == t0 + 6)
        #expect(!core.handle(.tick, now: t0 + 5.9).contains(.signal(containerID: "1-t1", SIGKILL_NUMBER)))
        #expect(core.handle(.tick, now: t0 + 6).contains(.signal(containerID: "1-t1", SIGKILL_NUMBER)))
        let ended = core.handle(.containerEnded(TaskKey("fw", "t1"), ContainerTermination(exit: .signaled(9))), now: t0 + 6.1)
        #expect(core.task(TaskKey("fw", "t1"))?.state == .killed)
        #expect(ended.contains(.destroyContainer(containerID: "1-t1")))
    }

    @Test func recoveryReportsRunningTasksAndHowTheOthersEndedAfterTheUpdatesStillOwed() throws {
        var core = AgentCore(agentID: "agent-1", seed: 7)
        func record(_ id: TaskID, _ number: Int) throws -> AgentCheckpoint.TaskRecord {
            AgentCheckpoint.TaskRecord(
                frameworkID: "fw", containerID: "\(number)-\(id)",
                info: TaskInfo(name: id.value, taskID: id, agentID: "agent-1", resources: try Resources(parsing: "cpus:0.1;mem:32"), command: .shell("x")))
        }
        func update(_ id: TaskID, _ state: TaskState, _ byte: UInt8) -> StatusUpdate {
            StatusUpdate(frameworkID: "fw", status: TaskStatus(taskID: id, state: state, source: .executor, agentID: "agent-1", uuid: Array(repeating: byte, count: 16)))
        }
        let startingOwed = update("alive", .starting, 1)
        let runningAcked = update("ended", .running, 2)
        let tasks = [
            // Still running; its STARTING was never acknowledged.
            AgentCore.RecoveredTask(record: try record("alive", 1), updates: [.update(startingOwed)], container: .running),
            // Ended while the agent was away, after its RUNNING was acknowledged.
            AgentCore.RecoveredTask(record: try record("ended", 2), updates: [.update(runningAcked), .acknowledgement(uuid: runningAcked.status.uuid ?? [])], container: .ended(ContainerTermination(exit: .exited(0)))),
            // Checkpointed, never started.
            AgentCore.RecoveredTask(record: try record("never", 3), updates: [], container: .neverStarted),
        ]
        let actions = core.recover(frameworks: [Self.framework], tasks: tasks, now: t0)
        #expect(sent(actions).isEmpty)  // nothing goes out before the agent registers
        #expect(actions.contains(.watchContainer(TaskKey("fw", "alive"))))
        #expect(core.task(TaskKey("fw", "alive"))?.state == .running)
        #expect(core.task(TaskKey("fw", "ended"))?.state == .finished)
        #expect(core.task(TaskKey("fw", "never"))?.state == .failed)
        #expect(core.inventory.tasks.map(\.state) == [.running, .finished, .failed])

        let resent = sent(core.handle(.registered("agent-1"), now: t0 + 1))
        // Per task the oldest owed update first: alive's STARTING (its RUNNING waits behind it).
        #expect(resent.map(\.status.taskID) == ["alive", "ended", "never"])
        #expect(resent.first == startingOwed)
        #expect(resent.map(\.status.state) == [.starting, .finished, .failed])
        #expect(core.nextContainerNumber == 3)
    }

    /// A kill asked for before the restart still counts after it: a task that was KILLING, or
    /// any task of a drain under way, that ended by a signal while the agent was away was
    /// killed, not failed; a drain's running task is killed again once the drain goes on.
    @Test func aKillAskedForBeforeARestartMakesASignalledEndAKill() throws {
        func recovered(draining: Bool, _ updates: [TaskLog.Record], _ container: AgentCore.RecoveredContainer) throws -> AgentCore {
            var core = AgentCore(agentID: "agent-1", seed: 7)
            let record = AgentCheckpoint.TaskRecord(
                frameworkID: "fw", containerID: "1-t",
                info: TaskInfo(name: "t", taskID: "t", agentID: "agent-1", resources: try Resources(parsing: "cpus:0.1;mem:32"), command: .shell("x")))
            _ = core.recover(frameworks: [Self.framework], tasks: [.init(record: record, updates: updates, container: container)], draining: draining, now: t0)
            return core
        }
        func update(_ state: TaskState) -> TaskLog.Record {
            let uuid = Array(repeating: UInt8(TaskState.allCases.firstIndex(of: state) ?? 0), count: 16)
            return .update(StatusUpdate(frameworkID: "fw", status: TaskStatus(taskID: "t", state: state, source: .executor, agentID: "agent-1", uuid: uuid)))
        }
        let signalled = AgentCore.RecoveredContainer.ended(ContainerTermination(exit: .signaled(15)))
        #expect(try recovered(draining: false, [update(.running), update(.killing)], signalled).task(TaskKey("fw", "t"))?.state == .killed)
        #expect(try recovered(draining: true, [update(.running)], signalled).task(TaskKey("fw", "t"))?.state == .killed)
        #expect(try recovered(draining: false, [update(.running)], signalled).task(TaskKey("fw", "t"))?.state == .failed)
        var running = try recovered(draining: true, [update(.running)], .running)
        #expect(running.handle(.drain, now: t0).contains(.signal(containerID: "1-t", SIGTERM_NUMBER)))
    }

    @Test func drainingKillsEverythingAndUnregistersOnceEveryEndIsAcknowledged() throws {
        var core = registered()
        let starting = try #require(sent(try launch(&core, "t1", at: t0)).first)
        _ = core.handle(.containerStarted(TaskKey("fw", "t1")), now: t0)
        let running = try #require(sent(acknowledge(&core, starting, at: t0)).first)
        _ = acknowledge(&core, running, at: t0)
        #expect(core.handle(.drain, now: t0 + 1).contains(.signal(containerID: "1-t1", SIGTERM_NUMBER)))
        let refused = try launch(&core, "late", at: t0 + 1)
        let lost = try #require(sent(refused).first)
        #expect(lost.status.state == .lost && lost.status.reason == .agentDraining)
        #expect(!refused.contains(.launchContainer(TaskKey("fw", "late"))))
        #expect(!acknowledge(&core, lost, at: t0 + 2).contains(.unregister(reason: "agent drained")))  // t1 still runs
        let killed = try #require(sent(core.handle(.containerEnded(TaskKey("fw", "t1"), ContainerTermination(exit: .signaled(15))), now: t0 + 3)).first)
        #expect(killed.status.state == .killed)
        #expect(!core.isFinished)  // its end is not acknowledged yet
        #expect(acknowledge(&core, killed, at: t0 + 4).contains(.unregister(reason: "agent drained")))
        #expect(core.isFinished)
    }

    /// The drain is written down before anything is killed (a restarted agent goes on with
    /// it), then the master hears it, so that it offers the agent no more; a master the agent
    /// registers with again (a dropped connection, a failover) reads it in the registration.
    @Test func drainingIsCheckpointedThenToldAndCarriedInEveryRegistration() throws {
        var core = registered()
        _ = try launch(&core, "t1", at: t0)
        _ = core.handle(.containerStarted(TaskKey("fw", "t1")), now: t0)
        let drained = core.handle(.drain, now: t0)
        #expect(Array(drained.prefix(2)) == [.checkpointDraining, .announceDraining])
        #expect(drained.contains(.signal(containerID: "1-t1", SIGTERM_NUMBER)))
        #expect(core.inventory.draining)
        _ = core.handle(.disconnected, now: t0 + 1)
        #expect(!core.handle(.registered("agent-1"), now: t0 + 2).contains(.announceDraining), "REGISTER said it already")
        #expect(!registered().inventory.draining)
    }

    @Test func aDrainThatNobodyAcknowledgesEndsAtItsTimeout() throws {
        var core = registered()
        _ = try launch(&core, "t1", at: t0)
        _ = core.handle(.containerStarted(TaskKey("fw", "t1")), now: t0)
        _ = core.handle(.drain, now: t0 + 1)
        _ = core.handle(.containerEnded(TaskKey("fw", "t1"), ContainerTermination(exit: .signaled(15))), now: t0 + 2)
        #expect(!core.isFinished)
        #expect(core.nextDeadline == t0 + 10)  // STARTING's re-send comes first
        let unregistered = core.handle(.tick, now: t0 + 31)
        #expect(unregistered.last == .unregister(reason: "agent drained; 1 task end(s) not acknowledged within 30 s"))
        #expect(core.isFinished)
    }

    /// A task whose kill grace outlasts the drain timeout: once the drain deadline has passed,
    /// the agent must not name it (already past) as its next wake, or it spins until the task ends.
    @Test func aPassedDrainDeadlineIsNotAWakeWhileATaskStillRunsInItsGrace() throws {
        var core = registered()
        _ = try launch(&core, "t1", at: t0)
        _ = core.handle(.containerStarted(TaskKey("fw", "t1")), now: t0)
        _ = core.handle(.message(.kill("fw", "t1", KillPolicy(gracePeriodSeconds: 600))), now: t0)
        _ = core.handle(.drain, now: t0 + 1)
        _ = core.handle(.tick, now: t0 + 40)  // past the 30 s drain timeout; t1 is in its grace
        let next = try #require(core.nextDeadline)
        #expect(next > t0 + 40, "the agent would wake at once, again and again (next \(next))")
        let ended = core.handle(.containerEnded(TaskKey("fw", "t1"), ContainerTermination(exit: .signaled(15))), now: t0 + 41)
        #expect(ended.last == .unregister(reason: "agent drained; 1 task end(s) not acknowledged within 30 s"), "the drain ends with its last task")
        #expect(core.isFinished)
    }

    @Test func anAgentMarkedGoneKillsItsTasksSilentlyAndStops() throws {
        var core = registered()
        _ = try launch(&core, "t1", at: t0)
        _ = core.handle(.containerStarted(TaskKey("fw", "t1")), now: t0)
        let told = core.handle(.message(.shutdown(reason: "marked gone")), now: t0 + 1)
        #expect(told.contains(.signal(containerID: "1-t1", SIGTERM_NUMBER)))
        let ended = core.handle(.containerEnded(TaskKey("fw", "t1"), ContainerTermination(exit: .signaled(15))), now: t0 + 2)
        #expect(sent(ended).isEmpty)
        #expect(ended.contains(.forgetTask(containerID: "1-t1")))
        #expect(ended.last == .stop(reason: "marked gone"))
    }

    @Test func theSameEventsGiveTheSameActions() throws {
        func run() throws -> [AgentCore.Action] {
            var core = registered()
            var all = try launch(&core, "a", at: t0) + launch(&core, "b", at: t0)
            all += core.handle(.containerStarted(TaskKey("fw", "a")), now: t0 + 1)
            all += core.handle(.tick, now: t0 + 30)
            return all
        }
        #expect(try run() == run())
    }
}

extension AgentCore {
    var nextContainerNumber: Int { nextContainer }
}
