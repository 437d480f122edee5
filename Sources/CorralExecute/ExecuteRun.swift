import CorralModel
import CorralSDK
import CorralTaskOutput

#if canImport(Glibc)
import Glibc
#endif

/// What `corral execute` knows while its task runs, and what it does on each event: prints the
/// task's state changes, follows its output once it runs, and decides when to stop waiting.
public struct ExecuteRun {
    /// What the command's main loop waits on.
    public enum Event: Sendable {
        case status(TaskStatus)
        case ended
        /// A SIGINT or SIGTERM; the count says which.
        case interrupted(Int)
        /// No word that the killed task ended: why.
        case gaveUp(String)
    }

    /// What the loop does next.
    public enum Next: Equatable, Sendable {
        case wait
        /// Send the kill and wait, bounded, for the task's end.
        case killing
        case done
    }

    let task: ExecuteScheduler.TaskDescription
    /// Where the task runs, for messages: "the embedded cluster", "the master at HOST:PORT".
    let place: String
    let output: any SandboxReader
    let driver: SchedulerDriver
    let scheduler: ExecuteScheduler
    /// Where state changes and what could not be done are said: standard error.
    let report: @Sendable (String) -> Void
    /// Where the task's stdout and stderr are copied to as it runs.
    public var descriptors: (stdout: Int32, stderr: Int32) = (STDOUT_FILENO, STDERR_FILENO)
    /// The task's terminal status, once known.
    public private(set) var final: TaskStatus?
    private var latest: TaskStatus?
    /// Whether the command stopped waiting for the task (a second interrupt, no word from the
    /// master): then its output is not waited for either.
    private var gaveUp = false
    private var followers: [Swift.Task<Void, Never>] = []

    public init(
        task: ExecuteScheduler.TaskDescription, place: String, output: any SandboxReader, driver: SchedulerDriver, scheduler: ExecuteScheduler,
        report: @escaping @Sendable (String) -> Void
    ) {
        self.task = task
        self.place = place
        self.output = output
        self.driver = driver
        self.scheduler = scheduler
        self.report = report
    }

    public mutating func handle(_ event: Event) async -> Next {
        switch event {
        case .status(let status):
            return await handle(status)
        case .ended:
            return .done
        case .interrupted(1):
            guard await scheduler.launchedOn != nil else {
                report("corral execute: interrupted before task '\(task.id)' was launched on \(place); nothing runs")
                return .done
            }
            report("Interrupted: killing task '\(task.id)'")
            return .killing
        case .interrupted:
            gaveUp = true
            report("corral execute: interrupted again: not waiting for task '\(task.id)' to end; it may still be running on \(place)\(lastSeen)")
            return .done
        case .gaveUp(let reason):
            gaveUp = true
            report("corral execute: could not confirm that task '\(task.id)' ended: \(reason); it may still be running\(lastSeen)")
            return .done
        }
    }

    /// The task's last words first, then how it ended; then the framework goes away.
    public mutating func finish() async {
        for follower in followers { follower.cancel() }
        // A master that is gone would take a read's whole timeout (10 s) to say nothing.
        if !gaveUp {
            for follower in followers { await follower.value }
        }
        if let final { report(Self.describe(final)) }
        // Tearing the framework down is a courtesy to the master: a master that is gone gets
        // 3 s, not the transport's timeout.
        _ = try? await withDeadline(seconds: 3) { [driver] in await driver.stop() }
    }

    private mutating func handle(_ status: TaskStatus) async -> Next {
        latest = status
        if status.state.isTerminal {
            final = status
            return .done
        }
        report(Self.describe(status))
        if status.state == .running, followers.isEmpty, let agentID = status.agentID, let frameworkID = await driver.frameworkID {
            let key = TaskKey(frameworkID, task.id)
            followers = [false, true].map { [output] stderr in
                Swift.Task { [descriptors] in
                    await SandboxFollower(reader: output, task: key, agentID: agentID, stderr: stderr, output: stderr ? descriptors.stderr : descriptors.stdout).follow()
                }
            }
        }
        return .wait
    }

    /// `TASK_FAILED (REASON_COMMAND_EXECUTOR_FAILED): Command exited with status 3`
    public static func describe(_ status: TaskStatus) -> String {
        var line = status.state.rawValue
        if let reason = status.reason { line += " (\(reason.rawValue))" }
        if let message = status.message, !message.isEmpty { line += ": \(message)" }
        return line
    }

    private var lastSeen: String { latest.map { " (last seen \($0.state.rawValue))" } ?? "" }
}
