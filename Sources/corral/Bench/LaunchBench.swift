import ArgumentParser
import CorralAgent
import CorralCluster
import CorralModel
import CorralSDK
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Task launch latency through the whole stack — framework, master, agent, container, reaper
/// and back — beside a bare posix_spawn + waitpid of the same command, one before each launch:
/// both are measured under the same conditions, so drift in the machine's speed over a run
/// (on a shared machine, a fifth of a bare spawn within a minute) does not bias the ratio.
struct LaunchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "launch",
        abstract: "Time tasks of /bin/true from ACCEPT to TASK_RUNNING and TASK_FINISHED, beside a bare spawn."
    )

    @Option(help: "Tasks to launch, one after another.")
    var tasks = 1000

    @Option(help: ArgumentHelp("Task isolation.", valueName: "auto|cgroups|posix"))
    var isolation: IsolationRequest = .auto

    @Option(
        name: .customLong("work-dir"),
        help: "Where each run keeps its sandboxes, in a directory of its own that it removes when done. Its filesystem is part of the figure: ext4 without a journal makes it swing.")
    var workDirectory = "/tmp/corral-bench"

    struct Result: Encodable {
        var benchmark = "launch"
        var tasks: Int
        var isolation: String
        var bareSpawnWaitMilliseconds: Percentiles
        var acceptToRunningMilliseconds: Percentiles
        var acceptToFinishedMilliseconds: Percentiles
        /// accept→FINISHED p50 over bare spawn+wait p50.
        var overheadRatioP50: Double
        /// What the ratio must stay within (issue 8: 2.5× a bare spawn).
        var targetRatio = 2.5
        /// Where the sandboxes and checkpoints were: each launch creates five files there.
        var workDirectoryFilesystem: String?
    }

    struct Percentiles: Encodable {
        var p50: Double
        var p99: Double
        var mean: Double

        init(_ samples: [Double]) {
            p50 = samples.percentile(0.5)
            p99 = samples.percentile(0.99)
            mean = samples.isEmpty ? 0 : samples.reduce(0, +) / Double(samples.count)
        }
    }

    func run() async throws {
        guard tasks > 0 else { throw ValidationError("--tasks must be positive, got \(tasks)") }
        let filesystem = WorkDirectoryFilesystem.of(workDirectory)
        if let filesystem, filesystem.journaled == false {
            printError(
                "bench launch: \(workDirectory) is on \(filesystem.description): ext4 then skips recently deleted inodes on each file it creates (the agent makes a launch's files ahead, but that work still takes the same cores), so the figure swings with what deleted files before it; --work-dir on a journaled filesystem or a tmpfs shows Corral's own cost")
        }
        // A run of its own: earlier runs' thousands of sandboxes would be there to collect when
        // the agent starts, and this run's are not worth keeping.
        let runDirectory = workDirectory + "/launch-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: runDirectory) }
        var configuration = EmbeddedCluster.Configuration(workDirectory: runDirectory)
        configuration.agentResources = try Resources(parsing: "cpus:8;mem:8192")
        configuration.isolation = isolation
        var logger = Logger(label: "corral.bench")
        logger.logLevel = .warning
        let cluster = try EmbeddedCluster(configuration: configuration, logger: logger)
        let count = tasks
        let (bare, running, finished) = try await cluster.running { cluster in
            try await Self.launchTasks(count: count, on: cluster)
        }
        let bareP50 = Percentiles(bare).p50
        try printJSON(Result(
            tasks: tasks, isolation: cluster.isolation, bareSpawnWaitMilliseconds: Percentiles(bare),
            acceptToRunningMilliseconds: Percentiles(running), acceptToFinishedMilliseconds: Percentiles(finished),
            overheadRatioP50: bareP50 > 0 ? Percentiles(finished).p50 / bareP50 : 0, workDirectoryFilesystem: filesystem?.description))
    }

    static let taskResources = Resources([.scalar("cpus", 1), .scalar("mem", 64)])

    /// posix_spawn + waitpid of /bin/true, in milliseconds; nil when it cannot be spawned.
    static func bareSpawn() -> Double? {
        let path = "/bin/true"
        let start = monotonicNanoseconds()
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), nil]
        defer { free(argv[0]) }
        guard posix_spawn(&pid, path, nil, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return Double(monotonicNanoseconds() - start) / 1e6
    }

    /// Launches the tasks one at a time, each on a fresh offer and after a bare spawn; returns
    /// the bare spawns' times and the launches' latencies.
    static func launchTasks(count: Int, on cluster: EmbeddedCluster) async throws -> ([Double], [Double], [Double]) {
        let (events, sink) = AsyncStream.makeStream(of: BenchScheduler.Event.self)
        let scheduler = BenchScheduler(events: sink)
        let driver = SchedulerDriver(scheduler: scheduler, framework: FrameworkInfo(name: "corral-bench"), transport: cluster.transport)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await driver.run() }
            var bare: [Double] = []
            var running: [Double] = []
            var finished: [Double] = []
            var started: UInt64 = 0
            var offers: [Offer] = []
            var launched = 0
            var iterator = events.makeAsyncIterator()
            func launchNext() async throws {
                let offer = offers.removeFirst()
                // A whole CPU and room for the loader: at 0.01 CPU the kernel let the task run 1 ms
                // in each 100 ms, and an exec that took more (a slow moment of the host) waited out
                // the period: that timed the limit, not the launch. At 1 MB, reclaim did the same.
                let info = TaskInfo(
                    name: "true-\(launched)", taskID: TaskID("true-\(launched)"), agentID: offer.agentID,
                    resources: Self.taskResources, command: CommandInfo(shell: false, value: "/bin/true"))
                launched += 1
                if let spawn = Self.bareSpawn() { bare.append(spawn) }
                started = monotonicNanoseconds()
                try await driver.launch([info], on: [offer.id], filters: Filters(refuseSeconds: 0))
            }
            while finished.count < count, let event = await iterator.next() {
                switch event {
                case .offers(let new):
                    offers += new
                    if launched == finished.count, !offers.isEmpty { try await launchNext() }
                case .status(let status, let heard):
                    let elapsed = Double(heard - started) / 1e6
                    if status.state == .running { running.append(elapsed) }
                    if status.state.isTerminal {
                        finished.append(elapsed)
                        if finished.count < count, !offers.isEmpty { try await launchNext() }
                    }
                }
            }
            await driver.stop()
            group.cancelAll()
            return (bare, running, finished)
        }
    }
}

/// Passes offers and statuses to the benchmark's loop. A status is timed when the scheduler
/// hears it, as a framework's own code would: the hop to the benchmark's loop is not the
/// cluster's.
actor BenchScheduler: Scheduler {
    enum Event: Sendable {
        case offers([Offer])
        /// With when the scheduler heard it (`monotonicNanoseconds`).
        case status(TaskStatus, heard: UInt64)
    }

    let events: AsyncStream<Event>.Continuation

    init(events: AsyncStream<Event>.Continuation) { self.events = events }

    func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async { events.yield(.offers(offers)) }
    func update(_ driver: SchedulerDriver, _ status: TaskStatus) async { events.yield(.status(status, heard: monotonicNanoseconds())) }
}
