import CorralExecute
import CorralModel
import CorralSDK
import CorralTaskOutput
import CorralTesting
import Testing

/// What `corral execute` does on each event while its task runs: says every state change,
/// follows the task's output once it runs, turns Ctrl-C into a kill and a second one into
/// giving up, and says what it could not confirm.
@Suite(.timeLimit(.minutes(1))) struct ExecuteRunTests {
    let master = ScriptedMaster(frameworkID: "execute-framework")
    let log = LineLog()
    let task = ExecuteScheduler.TaskDescription(id: "greeting", name: "greeting", command: "echo hello", resources: Resources([.scalar("cpus", 1)]))

    /// A run whose driver is subscribed, whose output reader holds `stdout` and `stderr`.
    func start(stdout: String = "", stderr: String = "") async -> (ExecuteRun, ExecuteScheduler, Task<Void, any Error>) {
        let (_, sink) = AsyncStream.makeStream(of: TaskStatus.self)
        let scheduler = ExecuteScheduler(task: task, statuses: sink)
        let driver = SchedulerDriver(scheduler: scheduler, framework: FrameworkInfo(name: "corral-execute"), transport: master)
        let running = Task { try await driver.run() }
        _ = await eventually { await driver.frameworkID != nil }
        let run = ExecuteRun(
            task: task, place: "the master at node:5050", output: Output(stdout: stdout, stderr: stderr), driver: driver, scheduler: scheduler,
            report: log.append)
        return (run, scheduler, running)
    }

    func launch(on scheduler: ExecuteScheduler) async {
        master.emit(.offers([
            Offer(
                id: "o1", frameworkID: "execute-framework", agentID: "agent-1", hostname: "node", role: "*",
                resources: Resources([.scalar("cpus", 2)]).allocated(to: "*"))
        ]))
        _ = await eventually { await scheduler.launchedOn != nil }
    }

    func status(_ state: TaskState, message: String? = nil, reason: TaskStatus.Reason? = nil) -> ExecuteRun.Event {
        .status(TaskStatus(taskID: "greeting", state: state, source: .executor, reason: reason, message: message, agentID: "agent-1"))
    }

    @Test func anInterruptBeforeTheLaunchEndsAtOnceSayingNothingRuns() async {
        var (run, _, running) = await start()
        defer { running.cancel() }
        #expect(await run.handle(.interrupted(1)) == .done)
        #expect(log.lines == ["corral execute: interrupted before task 'greeting' was launched on the master at node:5050; nothing runs"])
    }

    @Test func anInterruptAfterTheLaunchKillsTheTaskAndASecondStopsWaiting() async {
        var (run, scheduler, running) = await start()
        defer { running.cancel() }
        await launch(on: scheduler)
        #expect(await run.handle(status(.running)) == .wait)
        #expect(await run.handle(.interrupted(1)) == .killing)
        #expect(await run.handle(.interrupted(2)) == .done)
        #expect(log.lines == [
            "TASK_RUNNING",
            "Interrupted: killing task 'greeting'",
            "corral execute: interrupted again: not waiting for task 'greeting' to end; it may still be running on the master at node:5050 (last seen TASK_RUNNING)",
        ])
        #expect(run.final == nil)
    }

    @Test func noWordOfTheEndIsSaidAsSuch() async {
        var (run, _, running) = await start()
        defer { running.cancel() }
        #expect(await run.handle(.gaveUp("no word within 10 s")) == .done)
        #expect(log.lines == ["corral execute: could not confirm that task 'greeting' ended: no word within 10 s; it may still be running"])
    }

    @Test func saysEachStateChangeAndTheEndLastAfterTheTasksOutput() async throws {
        let stdout = try OutputPipe()
        let stderr = try OutputPipe()
        var (run, _, running) = await start(stdout: "hello\n", stderr: "careful\n")
        defer { running.cancel() }
        run.descriptors = (stdout.write, stderr.write)
        #expect(await run.handle(status(.starting)) == .wait)
        #expect(await run.handle(status(.running)) == .wait)
        #expect(await run.handle(status(.failed, message: "Command exited with status 3", reason: .commandExecutorFailed)) == .done)
        #expect(run.final?.state == .failed)
        await run.finish()
        #expect(stdout.closeAndCollect() == "hello\n")
        #expect(stderr.closeAndCollect() == "careful\n")
        #expect(log.lines == ["TASK_STARTING", "TASK_RUNNING", "TASK_FAILED (REASON_COMMAND_EXECUTOR_FAILED): Command exited with status 3"])
    }

    @Test func theEventStreamEndingEndsTheRun() async {
        var (run, _, running) = await start()
        defer { running.cancel() }
        #expect(await run.handle(.ended) == .done)
    }
}

/// A task's sandbox with fixed contents.
struct Output: SandboxReader {
    let stdout: String
    let stderr: String

    func read(_ key: TaskKey, on agentID: AgentID, stderr wantsStderr: Bool, from offset: Int) async -> SandboxChunk? {
        let bytes = Array((wantsStderr ? stderr : stdout).utf8)
        return offset < bytes.count ? SandboxChunk(Array(bytes[offset...])) : .end
    }
}
