import CorralSimulation
import Testing

@Suite struct SimulationTests {
    @Test func aRunConverges() {
        let report = Simulation(options: SimulationOptions(seed: 1)).run()
        if !report.passed { Issue.record(Comment(rawValue: report.failureReport)) }
    }
}
