import ArgumentParser
import CorralSimulation
import Foundation

struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the cluster in deterministic simulation: the master, agents, Services, Jobs and two batch frameworks on virtual time, with crashes, partitions and a lossy network.",
        discussion: """
            Each seed is one run: faults for --seconds of virtual time, then a calm minute that ends \
            with a fairness check (DRF between two batch frameworks), then up to 900 s for the cluster \
            to converge. Invariants are checked after every step: the master's books balance \
            (offered + allocated + free = total on every agent), no task is launched twice, no task \
            that ended is reported running again. Convergence: every terminal update acknowledged, \
            the master's tasks exactly the processes that run, every framework's view the master's, \
            Services' apps at their instance counts.

            A failure prints the seed, what was violated and the last steps; the same seed replays \
            it step for step (`--trace` prints every step). Runs are reproducible across processes: \
            the command sets SWIFT_DETERMINISTIC_HASHING for itself.
            """
    )

    @Option(help: "Run this one seed.")
    var seed: UInt64?

    @Option(help: "Run a range of seeds, e.g. 1-10000.")
    var seeds: String?

    @Option(help: "Virtual seconds of faults per run.")
    var seconds: Double = 120

    @Option(help: "Agents in the simulated cluster.")
    var agents: Int = 3

    @Option(help: "Plant a bug the checks must catch: \(PlantedBug.allCases.map(\.rawValue).joined(separator: ", ")).")
    var plant: String?

    @Flag(help: "Print every step of the run (with --seed).")
    var trace = false

    func validate() throws {
        guard seed == nil || seeds == nil else { throw ValidationError("Give --seed or --seeds, not both.") }
        if let seeds, SeedRange(parsing: seeds) == nil {
            throw ValidationError("--seeds '\(seeds)' is not a seed or a range of at most \(SeedRange.maximumCount) seeds like 1-10000.")
        }
        guard seconds.isFinite, seconds >= 0, seconds <= 86_400 else {
            throw ValidationError("--seconds \(seconds) must be between 0 and 86400.")
        }
        guard (1...64).contains(agents) else { throw ValidationError("--agents \(agents) must be between 1 and 64.") }
        if let plant, PlantedBug(rawValue: plant) == nil {
            throw ValidationError("--plant '\(plant)' is not a planted bug; one of: \(PlantedBug.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if trace, seed == nil { throw ValidationError("--trace prints one run: give it with --seed.") }
    }

    func run() throws {
        DeterministicHashing.ensure()
        let range = seeds.flatMap(SeedRange.init(parsing:)) ?? SeedRange(first: seed ?? 1, last: seed ?? 1)
        var failed: [UInt64] = []
        let started = Date()
        for seed in range.seeds {
            var options = SimulationOptions(seed: seed, faultSeconds: seconds, plantedBug: plant.flatMap(PlantedBug.init(rawValue:)))
            options.agents = agents
            let report = Simulation(options: options, echo: trace ? printLine : nil).run()
            if report.passed {
                if range.count == 1 || seed % 100 == 0 || seed == range.last { print(report.summary) }
            } else {
                failed.append(seed)
                print(report.failureReport)
            }
            fflushStandardOutput()
        }
        let elapsed = Date().timeIntervalSince(started)
        print("\(range.count) seed(s) in \(String(format: "%.1f", elapsed)) s: \(range.count - UInt64(failed.count)) passed, \(failed.count) failed\(failed.isEmpty ? "" : " (seeds \(failed.map(String.init).joined(separator: ", ")))")")
        if !failed.isEmpty { throw ExitCode(1) }
    }
}

/// Swift seeds its hashing per process, so a dictionary's order (and anything a core derives
/// from it) could differ between two runs of one seed. The simulation re-executes itself once
/// with deterministic hashing, so that a seed replays the same in any process.
enum DeterministicHashing {
    static func ensure() {
        guard getenv("SWIFT_DETERMINISTIC_HASHING") == nil else { return }
        setenv("SWIFT_DETERMINISTIC_HASHING", "1", 1)
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // Not re-executed (no /proc): the run goes on, reproducible within this process.
        for pointer in argv { free(pointer) }
    }
}

@Sendable private func printLine(_ line: String) { print(line) }
