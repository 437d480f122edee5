import CorralSimulation
import CorralTesting
import Testing

/// The simulation itself: runs converge, a seed replays step for step, and a planted bug is
/// caught. CI runs many more seeds through `corral sim --seeds`. Runs compute for seconds: each
/// runs on a thread of its own, leaving the cooperative pool to the tests that wait on tasks.
@Suite struct SimulationTests {
    func run(_ options: SimulationOptions) async -> SimulationReport {
        await onOwnThread { Simulation(options: options).run() }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aRunWithFaultsConverges(seed: UInt64) async {
        let report = await run(SimulationOptions(seed: seed))
        if !report.passed { Issue.record(Comment(rawValue: report.failureReport)) }
        #expect(report.faultsInjected > 0)
        #expect(report.tasksLaunched > 0)
    }

    @Test func aSeedReplaysStepForStep() async {
        let first = await run(SimulationOptions(seed: 7, faultSeconds: 60))
        let second = await run(SimulationOptions(seed: 7, faultSeconds: 60))
        #expect(first.digest == second.digest)
        #expect(first.steps == second.steps)
        let other = await run(SimulationOptions(seed: 8, faultSeconds: 60))
        #expect(other.digest != first.digest)
    }

    /// A driver that never acknowledges TASK_KILLED leaves its agents re-sending those updates
    /// for ever: some seed kills a task, and the check that every terminal update is
    /// acknowledged fails there, the same way each time that seed runs.
    @Test func aPlantedDroppedAcknowledgementIsCaughtAndReproduced() async throws {
        var caught: SimulationReport?
        for seed in UInt64(1)...20 {
            let report = await run(SimulationOptions(seed: seed, plantedBug: .droppedAcknowledgement))
            if !report.passed {
                caught = report
                break
            }
        }
        let report = try #require(caught, "no seed in 1-20 caught the planted bug")
        #expect(report.violations.contains { $0.contains("not acknowledged") })
        let again = await run(SimulationOptions(seed: report.seed, plantedBug: .droppedAcknowledgement))
        #expect(again.digest == report.digest)
        #expect(again.violations == report.violations)
    }

    @Test func seedRangesParse() {
        #expect(SeedRange(parsing: "7") == SeedRange(first: 7, last: 7))
        #expect(SeedRange(parsing: "1-10000")?.count == 10_000)
        #expect(SeedRange(parsing: "9-3") == nil)
        #expect(SeedRange(parsing: "x") == nil)
        #expect(SeedRange(parsing: "1-2-3") == nil)
        #expect(SeedRange(parsing: "0-18446744073709551615") == nil)  // its count would not fit
        #expect(SeedRange(parsing: "-5") == nil)
    }
}
