import ArgumentParser
import CorralAllocator
import CorralModel

/// The twin of Mesos's `HierarchicalAllocator_BENCHMARK_Test.DeclineOffers`: every framework
/// declines every offer with a long filter, so each cycle must skip, for each agent, the
/// frameworks that already refused it.
struct AllocatorBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocator",
        abstract: "Time full allocation cycles with frameworks that decline every offer (Mesos's DeclineOffers benchmark)."
    )

    @Option(help: "Simulated agents, each cpus:24;mem:4096;disk:4096;ports:[31000-32000].")
    var agents = 10_000

    @Option(help: "Frameworks, all in role *.")
    var frameworks = 1_000

    @Option(help: "Measured cycles after the first.")
    var rounds = 5

    @Option(name: .customLong("refuse-seconds"), help: "The filter each decline carries.")
    var refuseSeconds = 3600.0

    struct Result: Encodable {
        var benchmark = "allocator"
        var agents: Int
        var frameworks: Int
        var firstCycleMilliseconds: Double
        var firstCycleOffers: Int
        var cycleMilliseconds: [Double]
        var offersPerCycle: [Int]
        var meanCycleMilliseconds: Double
        var microsecondsPerOffer: Double
        var mesosPublishedSeconds = 1.06
        var targetMilliseconds = 100.0
    }

    func run() throws {
        guard agents > 0, frameworks > 0, rounds > 0 else { throw ValidationError("--agents, --frameworks and --rounds must be positive") }
        var allocator = HierarchicalAllocator()
        let agentResources = try Resources(parsing: "cpus:24;mem:4096;disk:4096;ports:[31000-32000]")
        for index in 0..<agents { allocator.addAgent(AgentID("agent-\(index)"), total: agentResources) }
        for index in 0..<frameworks { allocator.addFramework(FrameworkID("framework-\(index)"), roles: ["*"]) }
        var random = SeededRandom(seed: 1)
        var now = ClusterInstant.zero

        func cycle() -> (milliseconds: Double, offers: Int) {
            let start = monotonicNanoseconds()
            let allocations = allocator.allocate(now: now, random: &random, allAgents: true)
            let elapsed = Double(monotonicNanoseconds() - start) / 1e6
            for allocation in allocations {
                allocator.recover(allocation.resources, of: allocation.frameworkID, on: allocation.agentID,
                                  filters: Filters(refuseSeconds: refuseSeconds), now: now)
            }
            now = now + .seconds(1)
            return (elapsed, allocations.count)
        }

        let first = cycle()
        var times: [Double] = []
        var counts: [Int] = []
        for _ in 0..<rounds {
            let measured = cycle()
            times.append(measured.milliseconds)
            counts.append(measured.offers)
        }
        let mean = times.reduce(0, +) / Double(times.count)
        let offers = counts.reduce(0, +)
        try printJSON(Result(
            agents: agents, frameworks: frameworks, firstCycleMilliseconds: first.milliseconds, firstCycleOffers: first.offers,
            cycleMilliseconds: times, offersPerCycle: counts, meanCycleMilliseconds: mean,
            microsecondsPerOffer: offers > 0 ? times.reduce(0, +) * 1000 / Double(offers) : 0))
    }
}
