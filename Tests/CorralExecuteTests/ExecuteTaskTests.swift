import CorralExecute
import CorralModel
import CorralTaskOutput
import CorralTesting
import Testing

/// `corral execute` from start to end against a master the test plays: the task's end is the
/// run's end, an interrupt kills the task, and no word of its end is given up on in bounded time.
@Suite(.timeLimit(.minutes(1))) struct ExecuteTaskTests {
    let master = ScriptedMaster(frameworkID: "execute-framework")
    let log = LineLog()
    let interrupts: AsyncStream<Void>
    let interrupt: AsyncStream<Void>.Continuation

    init() { (interrupts, interrupt) = AsyncStream.makeStream(of: Void.self) }

    func start(interruptDeadline: Double = 10) -> Task<TaskState, Never> {
        var execute = ExecuteTask(
            task: ExecuteScheduler.TaskDescription(id: "sleep", name: "sleep", command: "sleep 30", resources: Resources([.scalar("cpus", 1)])),
            place: "the embedded cluster", report: log.append)
        execute.interruptDeadline = interruptDeadline
        return Task { [master, interrupts] in await execute.run(transport: master, output: Silent(), interrupts: interrupts) }
    }

    /// Offers room for the task and waits for it to be launched, then says it runs.
    func launchAndRun() async {
        #expect(await eventually { master.subscriptions == 1 })
        master.emit(.offers([
            Offer(
                id: "o1", frameworkID: "execute-framework", agentID: "agent-1", hostname: "node", role: "*",
                resources: Resources([.scalar("cpus", 2)]).allocated(to: "*"))
        ]))
        #expect(await eventually { master.calls.contains { $0.typeName == "ACCEPT" } })
        master.emit(.update(status(.running)))
        #expect(await eventually { log.lines.contains("TASK_RUNNING") })
    }

    func status(_ state: TaskState) -> TaskStatus {
        TaskStatus(taskID: "sleep", state: state, source: .executor, agentID: "agent-1")
    }

    @Test func theTasksEndIsTheRunsEnd() async {
        let running = start()
        await launchAndRun()
        master.emit(.update(status(.finished)))
        #expect(await running.value(within: .seconds(30)) == .finished)
        #expect(log.lines == ["TASK_RUNNING", "TASK_FINISHED"])
        #expect(master.calls.contains { $0.typeName == "TEARDOWN" })
    }

    @Test func anInterruptKillsTheTaskAndWaitsToHearItEnded() async {
        let running = start()
        await launchAndRun()
        interrupt.yield()
        #expect(await eventually { master.calls.contains { $0.typeName == "KILL" } })
        master.emit(.update(status(.killed)))
        #expect(await running.value(within: .seconds(30)) == .killed)
        #expect(log.lines == ["TASK_RUNNING", "Interrupted: killing task 'sleep'", "TASK_KILLED"])
    }

    @Test func noWordOfTheKilledTasksEndIsGivenUpOnAfterTheDeadline() async {
        let running = start(interruptDeadline: 0.1)
        await launchAndRun()
        interrupt.yield()
        #expect(await running.value(within: .seconds(30)) == .lost)
        #expect(log.lines.last == "corral execute: could not confirm that task 'sleep' ended: no word from the embedded cluster that it ended within 0.1 s; it may still be running (last seen TASK_RUNNING)")
    }

    @Test func aRefusalFromTheMasterEndsTheRunAsAnError() async {
        let running = start()
        #expect(await eventually { master.subscriptions == 1 })
        master.emit(.error("framework is not authorized"))
        #expect(await running.value(within: .seconds(30)) == .error)
        #expect(log.lines.contains("TASK_ERROR: framework is not authorized"))
    }
}

/// A task that writes nothing.
struct Silent: SandboxReader {
    func read(_ key: TaskKey, on agentID: AgentID, stderr: Bool, from offset: Int) async -> SandboxChunk? { .end }
}
