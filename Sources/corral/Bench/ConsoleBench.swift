import ArgumentParser
import ConsoleCore
import CorralModel

/// How long the console takes to build a frame and diff it against the previous one, for a
/// large simulated cluster. The model takes a new snapshot before every frame, as it does live.
struct ConsoleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Time building and diffing console frames for a large simulated cluster."
    )

    @Option(help: "Simulated agents.")
    var agents = 1000

    @Option(help: "Simulated running tasks.")
    var tasks = 10_000

    @Option(help: "Simulated apps of Services (0 leaves Services not running).")
    var services = 300

    @Option(help: "Simulated jobs of Jobs (0 leaves Jobs not running).")
    var jobs = 300

    @Option(help: "Frames to time.")
    var frames = 200

    @Option(help: "Terminal width.")
    var width = 160

    @Option(help: "Terminal height.")
    var height = 48

    /// What it measured, printed in a `BenchReport`.
    struct Figures: Encodable {
        var services: Int
        var jobs: Int
        var size: String
        var frames: Int
        var frameMilliseconds: LaunchBench.Percentiles
        var changedCellsPerFrame: Int
        /// Issue 11's target for a frame's p50 at 1,000 agents and 10,000 tasks (the first wave's was 5 ms).
        var targetMilliseconds = 2.0
    }

    func run() throws {
        guard agents > 0, tasks >= 0, frames > 0 else { throw ValidationError("--agents and --frames must be positive") }
        guard services >= 0, jobs >= 0 else { throw ValidationError("--services and --jobs must not be negative") }
        let snapshots = [Self.snapshot(agents: agents, tasks: tasks, tick: 0), Self.snapshot(agents: agents, tasks: tasks, tick: 1)]
        var model = ConsoleModel(now: snapshots[0].time, themeNames: ["default"])
        let theme = ResolvedTheme(.builtIn, support: .full256)
        _ = model.update(.cluster(snapshots[0], events: []))
        _ = model.update(.frameworks(
            services: services > 0 ? Self.services(services, now: snapshots[0].time) : nil,
            jobs: jobs > 0 ? Self.jobs(jobs, now: snapshots[0].time) : nil))
        _ = model.update(.key(.down))  // a selected row, found by key in every frame, as when live
        var previous: CellBuffer?
        var samples: [Double] = []
        var changed = 0
        for frame in 0..<(frames + 10) {
            _ = model.update(.cluster(snapshots[frame % 2], events: []))
            let start = monotonicNanoseconds()
            let buffer = ConsoleView.render(model, theme: theme, glyphs: .unicode, width: width, height: height)
            let runs = buffer.changes(since: previous)
            let elapsed = Double(monotonicNanoseconds() - start) / 1e6
            previous = buffer
            if frame >= 10 {  // the first frames warm caches and draw everything
                samples.append(elapsed)
                changed += runs.reduce(0) { $0 + $1.cells.count }
            }
        }
        let figures = Figures(
            services: services, jobs: jobs, size: "\(width)x\(height)", frames: frames, frameMilliseconds: LaunchBench.Percentiles(samples),
            changedCellsPerFrame: changed / frames)
        try BenchReport(benchmark: "console", agents: agents, tasks: tasks, figures: figures).print()
    }

    /// Apps in every state, a few instances each.
    static func services(_ count: Int, now: Time) -> [ServiceRow] {
        let states: [ServiceState] = [.running, .running, .running, .deploying, .waiting(reason: "no agent has 4 cpus"), .delayed(seconds: 12), .suspended]
        return (0..<count).map { index in
            let wanted = index % 5
            let tasks = (0..<wanted).map { instance in
                ServiceTaskRow(
                    taskID: "app-\(index).instance-\(instance)", host: "node-\(instance)", state: "TASK_RUNNING", healthy: true,
                    startedAt: now + -Double(60 * instance), version: "2025-11-25T10:00:00.000Z")
            }
            return ServiceRow(
                id: "/group-\(index % 10)/app-\(index)", running: wanted, healthy: wanted, staged: 0, wanted: wanted,
                status: states[index % states.count], cpus: 0.5, mem: 256, tasks: tasks)
        }
    }

    /// Jobs on hourly schedules with some history.
    static func jobs(_ count: Int, now: Time) -> [JobRow] {
        (0..<count).map { index in
            JobRow(
                name: "job-\(index)", schedule: index % 4 == 3 ? "after job-\(index - 1)" : "R/2025-11-25T00:00:00Z/PT1H",
                nextRun: index % 4 == 3 ? nil : now + Double(index * 7 % 3600), lastResult: index % 6 == 0 ? .failure : .success,
                running: index % 9 == 0 ? 1 : 0, successCount: index, errorCount: index / 6,
                history: [JobRunRow(taskID: "job-\(index)-run", startedAt: now + -3600, endedAt: now + -3590, state: "TASK_FINISHED")])
        }
    }

    /// A cluster of `agents` agents of 16 cpus and 64 GB with `tasks` tasks spread over them and
    /// 20 frameworks; `tick` moves usage so that consecutive frames differ.
    static func snapshot(agents agentCount: Int, tasks taskCount: Int, tick: Int) -> ClusterSnapshot {
        let start = Time(seconds: 1_764_064_800)
        let now = start + 3600 + Double(tick)
        let frameworks = (0..<20).map { index in
            FrameworkSnapshot(
                info: FrameworkInfo(name: "framework-\(index)", id: FrameworkID("f-\(index)")), id: FrameworkID("f-\(index)"),
                active: true, connected: true, registeredAt: start, dominantShare: Double(index) / 40 + Double(tick) / 100,
                used: Resources(), offered: Resources(), taskCount: taskCount / 20, offerCount: 0)
        }
        let total = Resources([.scalar("cpus", 16), .scalar("mem", 65536)])
        var tasks: [TaskRecord] = []
        var usage: [TaskKey: ResourceUsage] = [:]
        tasks.reserveCapacity(taskCount)
        for index in 0..<taskCount {
            let framework = FrameworkID("f-\(index % 20)")
            let task = TaskRecord(
                id: TaskID("task-\(index)"), name: "service-\(index % 50)", frameworkID: framework, agentID: AgentID("agent-\(index % agentCount)"),
                role: "*", resources: Resources([.scalar("cpus", 0.5), .scalar("mem", 256)]), command: .shell("sleep 600"),
                state: .running, launchedAt: start + Double(index % 3600))
            tasks.append(task)
            usage[task.key] = ResourceUsage(cpusUsed: Double((index + tick) % 50) / 100, memoryBytes: UInt64(100 + (index + tick) % 100) << 20)
        }
        let agents = (0..<agentCount).map { index in
            AgentSnapshot(
                info: AgentInfo(id: AgentID("agent-\(index)"), hostname: "node-\(index)", resources: total), id: AgentID("agent-\(index)"),
                active: true, registeredAt: start, total: total, used: Resources([.scalar("cpus", 5), .scalar("mem", 2560)]),
                offered: Resources(), usage: ResourceUsage(cpusUsed: Double((index + tick) % 16), memoryBytes: 1 << 30),
                taskCount: taskCount / agentCount, isolation: "cgroups/v1")
        }
        return ClusterSnapshot(
            time: now, startedAt: start, masterInfo: MasterInfo(id: "bench", hostname: "localhost", version: "1.11.0"),
            agents: agents, frameworks: frameworks, tasks: tasks, nextFramework: frameworks.first?.id,
            offersMade: tick * 100, taskUsage: usage)
    }
}
