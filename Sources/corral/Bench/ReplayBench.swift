import ArgumentParser
import ConsoleCore
import ConsoleHistory
import CorralModel
import Foundation

/// How long a replay takes to open an hour of a busy cluster's history and to jump in it: a
/// synthetic cluster refreshed every second with task churn is written as a console writes
/// it, then loaded, then jumped about at random (each jump until the model has been fed all it
/// needs to draw the target moment). A jump's time is also given as the CPU time of the thread
/// that jumps, which a busy machine leaves as it is.
struct ReplayBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Time loading an hour of a busy cluster's history and jumping in it (corral replay)."
    )

    @Option(help: "Simulated agents.")
    var agents = 100

    @Option(help: "Simulated running tasks.")
    var tasks = 2000

    @Option(help: "Tasks that end, and as many that start, each second.")
    var churn = 20

    @Option(help: "Seconds of history (one refresh a second).")
    var seconds = 3600

    @Option(help: "Random jumps to time.")
    var jumps = 200

    @Option(help: ArgumentHelp("Where to write the history (removed afterwards).", valueName: "dir"))
    var directory = NSTemporaryDirectory() + "corral-bench-replay"

    /// What it measured, printed in a `BenchReport`.
    struct Figures: Encodable {
        var churnPerSecond: Int
        var seconds: Int
        var records: Int
        var keyframes: Int
        var segments: Int
        var megabytes: Double
        var writeSeconds: Double
        var loadMilliseconds: Double
        var jumps: Int
        var jumpMilliseconds: Jumps
        var jumpCPUMilliseconds: Jumps
        var targetLoadMilliseconds = 1000.0
        var targetJumpMilliseconds = 50.0
    }

    struct Jumps: Encodable {
        var p50: Double
        var p99: Double
        var max: Double

        init(_ samples: [Double]) {
            p50 = samples.percentile(0.5)
            p99 = samples.percentile(0.99)
            max = samples.max() ?? 0
        }
    }

    func run() throws {
        guard agents > 0, tasks > 0, seconds > 0, jumps > 0, churn >= 0 else { throw ValidationError("--agents, --tasks, --seconds and --jumps must be positive") }
        try? FileManager.default.removeItem(atPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try write()
        let loadStart = monotonicNanoseconds()
        let history = try HistoryLoader.load(directory)
        let loadMilliseconds = Double(monotonicNanoseconds() - loadStart) / 1e6
        let samples = jump(in: history)
        let bytes = HistoryStore.segments(in: directory).reduce(0) { total, segment in
            total + ((try? FileManager.default.attributesOfItem(atPath: segment.path)[.size] as? Int) ?? 0)
        }
        let figures = Figures(
            churnPerSecond: churn, seconds: seconds, records: history.entries.count, keyframes: history.keyframes.count,
            segments: history.names.count, megabytes: Double(bytes) / 1_048_576, writeSeconds: written, loadMilliseconds: loadMilliseconds,
            jumps: jumps, jumpMilliseconds: Jumps(samples.wall), jumpCPUMilliseconds: Jumps(samples.cpu))
        try BenchReport(benchmark: "replay", agents: agents, tasks: tasks, figures: figures).print()
    }

    /// Writes the hour as a console does (refreshes and Services' rows); returns the seconds it took.
    private func write() throws -> Double {
        var store = try HistoryStore(directory: directory, limits: HistoryLimits(maxAge: Double(seconds) + 60, maxBytes: 1 << 40))
        var cluster = SyntheticCluster(agents: agents, tasks: tasks, churn: churn)
        let start = monotonicNanoseconds()
        for _ in 0..<seconds {
            let (snapshot, events) = cluster.advance()
            try store.append(.cluster(snapshot, events: events), at: snapshot.time + 0.1)
            try store.append(.frameworks(services: [ServiceRow(id: "/web", running: 3, wanted: 3, status: .running, cpus: 1, mem: 128)], jobs: nil), at: snapshot.time + 0.1)
        }
        return Double(monotonicNanoseconds() - start) / 1e9
    }

    /// Milliseconds of each random jump, on the clock and of this thread's CPU: the replay's
    /// work and the model's, fed what it returns.
    private func jump(in history: History) -> (wall: [Double], cpu: [Double]) {
        var random = SeededRandom(seed: 7)
        var core = ReplayCore(history: history, now: 0, paused: true)
        var model = ConsoleModel(now: history.start, themeNames: ["default"])
        for message in core.advance(now: 0) { _ = model.update(message) }
        var samples: (wall: [Double], cpu: [Double]) = ([], [])
        for _ in 0..<jumps {
            let target = history.start + Double(random.next() % 1_000_000) / 1_000_000 * (history.end - history.start)
            let start = monotonicNanoseconds(), cpuStart = threadCPUNanoseconds()
            for message in core.handle(.goTo(target), now: 0) { _ = model.update(message) }
            samples.cpu.append(Double(threadCPUNanoseconds() - cpuStart) / 1e6)
            samples.wall.append(Double(monotonicNanoseconds() - start) / 1e6)
        }
        return samples
    }
}
