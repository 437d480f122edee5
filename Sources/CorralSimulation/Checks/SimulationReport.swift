import CorralModel
/// The outcome of one run.
public struct SimulationReport: Sendable {
    public var seed: UInt64
    public var violations: [String]
    public var converged: Bool
    public var virtualSeconds: Double
    public var steps: Int
    public var faultsInjected: Int
    public var tasksLaunched: Int
    /// Equal for two runs of one seed: they went step for step the same way.
    public var digest: UInt64
    /// The last trace lines, for a failure's report.
    public var traceTail: [String]

    public var passed: Bool { violations.isEmpty && converged }

    /// One line: what the run did and whether it held.
    public var summary: String {
        let outcome = passed ? "ok" : "FAILED"
        return "seed \(seed): \(outcome) — \(steps) steps, \(faultsInjected) faults, \(tasksLaunched) tasks, \(Int(virtualSeconds)) virtual s, trace \(String(digest, radix: 16))"
    }

    /// The seed, what was violated, and the trace that led there.
    public var failureReport: String {
        var lines = ["seed \(seed) FAILED after \(steps) steps, trace \(String(digest, radix: 16)) (replay: corral sim --seed \(seed) --trace)"]
        lines += violations.map { "  violated: \($0)" }
        if violations.isEmpty, !converged { lines.append("  the run ended before the cluster converged") }
        lines.append("  last \(traceTail.count) steps:")
        lines += traceTail.map { "    " + $0 }
        return lines.joined(separator: "\n")
    }
}

extension Simulation {
    func report() -> SimulationReport {
        SimulationReport(
            seed: options.seed, violations: violations, converged: converged, virtualSeconds: now - start,
            steps: trace.steps, faultsInjected: faultsInjected, tasksLaunched: launched.count,
            digest: trace.digest, traceTail: trace.lastLines)
    }
}
