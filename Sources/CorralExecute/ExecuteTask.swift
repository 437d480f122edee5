import CorralModel
import CorralSDK
import CorralTaskOutput

/// `corral execute`'s whole run: its framework on a driver, the task's statuses and the
/// interrupts turned into `ExecuteRun`'s events, and the kill an interrupt asks for.
public struct ExecuteTask: Sendable {
    public let task: ExecuteScheduler.TaskDescription
    /// Where the task runs, for messages: "the embedded cluster", "the master at HOST:PORT".
    public let place: String
    /// How long after an interrupt the run waits to hear that the task ended (its kill grace
    /// is 3 s) before it gives up and says so.
    public var interruptDeadline = 10.0
    /// Where state changes and what could not be done are said: standard error.
    let report: @Sendable (String) -> Void

    public init(task: ExecuteScheduler.TaskDescription, place: String, report: @escaping @Sendable (String) -> Void) {
        self.task = task
        self.place = place
        self.report = report
    }

    /// Runs the task to its end through `transport`, following its output; returns its
    /// terminal state (`.lost` when it cannot say). The first of `interrupts` kills the task
    /// and waits a bounded time to hear it ended; a second one, or a master that cannot be
    /// reached, ends the wait at once, saying what could not be done.
    public func run<Interrupts: AsyncSequence & Sendable>(
        transport: some SchedulerTransport, output: some SandboxReader, interrupts: Interrupts
    ) async -> TaskState {
        let (statuses, sink) = AsyncStream.makeStream(of: TaskStatus.self)
        let (events, eventSink) = AsyncStream.makeStream(of: ExecuteRun.Event.self)
        let scheduler = ExecuteScheduler(task: task, statuses: sink)
        let driver = SchedulerDriver(scheduler: scheduler, framework: FrameworkInfo(name: "corral-execute"), transport: transport)

        return await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await driver.run()
                } catch {
                    if await !driver.isStopped { report("corral execute: \(error)") }
                }
                sink.finish()
            }
            group.addTask {
                for await status in statuses { eventSink.yield(.status(status)) }
                eventSink.yield(.ended)
            }
            group.addTask {
                var count = 0
                do {
                    for try await _ in interrupts {
                        count += 1
                        eventSink.yield(.interrupted(count))
                    }
                } catch {}  // a signal sequence does not fail; one that did has nothing more to say
            }
            var run = ExecuteRun(task: task, place: place, output: output, driver: driver, scheduler: scheduler, report: report)
            loop: for await event in events {
                switch await run.handle(event) {
                case .wait:
                    break
                case .killing:
                    group.addTask { await kill(through: driver, reportingTo: eventSink) }
                case .done:
                    break loop
                }
            }
            await run.finish()
            group.cancelAll()
            return run.final?.state ?? .lost
        }
    }

    /// Sends the kill, then gives it `interruptDeadline` seconds; what could not be done goes
    /// to `events` as a reason to give up.
    private func kill(through driver: SchedulerDriver, reportingTo events: AsyncStream<ExecuteRun.Event>.Continuation) async {
        do {
            try await withDeadline(seconds: 5) { [task] in try await driver.kill(task.id) }
        } catch {
            events.yield(.gaveUp("the kill could not be sent to \(place): \(error)"))
        }
        try? await Task.sleep(for: .seconds(interruptDeadline))
        events.yield(.gaveUp("no word from \(place) that it ended within \(formatScalar(interruptDeadline)) s"))
    }
}
