import CorralModel
import Testing

@testable import CorralAgent

/// The rates the agent reports from its containers' cumulative counters.
@Suite struct UsageRatesTests {
    @Test func aTaskThrottledPartOfTheIntervalReadsThatFraction() {
        let before = ContainerUsage(timestamp: 100, cpuUserSeconds: 10, throttledSeconds: 1)
        let after = ContainerUsage(timestamp: 110, cpuUserSeconds: 15, throttledSeconds: 4.8)
        let usage = ResourceUsage(after, since: before)
        #expect(abs(usage.throttledFraction - 0.38) < 1e-9)
        #expect(abs(usage.cpusUsed - 0.5) < 1e-9)
    }

    /// The agent's parent cgroup is never throttled itself: its row must show its tasks'.
    @Test func anAgentsThrottlingIsItsTasksSummedNotItsUnthrottledParentCgroup() {
        let parent = ResourceUsage(cpusUsed: 1.2, throttledSeconds: 0, throttledFraction: 0)
        let tasks = [
            ResourceUsage(throttledSeconds: 3.8, throttledFraction: 0.38),
            ResourceUsage(throttledSeconds: 1, throttledFraction: 0.1),
        ]
        let agent = parent.throttling(summedOver: tasks)
        #expect(abs(agent.throttledFraction - 0.48) < 1e-9)
        #expect(agent.throttledSeconds == 4.8)
        #expect(agent.cpusUsed == 1.2, "only the throttling is the tasks'")
        #expect(parent.throttling(summedOver: []).throttledFraction == 0)
    }
}
