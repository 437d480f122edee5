import CorralModel
import CorralTesting
import Testing

@testable import CorralAgent

/// What the agent's Prometheus `/metrics` reads: its tasks by state, the resources they hold,
/// and each running container's usage, as a task starts and ends.
@Suite(.timeLimit(.minutes(2))) struct AgentMetricsReadingTests {
    @Test func aRunningTaskIsCountedHoldsItsResourcesAndHasItsUsage() async throws {
        try await AgentHarness.run { harness in
            let idle = await harness.agent.metricsReading()
            #expect(idle.values["slave/registered"] == 1)
            #expect(idle.values["slave/tasks_running"] == 0)
            #expect(idle.values["slave/cpus_total"] == 4 && idle.values["slave/mem_total"] == 2048)
            #expect(idle.tasks.isEmpty)

            // Busy for a moment, then asleep: it has used some CPU by the time it is read.
            try harness.launch("busy", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; exec sleep 600", resources: "cpus:0.5;mem:64", healthCheck: nil)
            await harness.waitFor("busy") { $0.state == .running }
            #expect(await eventually { await harness.agent.metricsReading().tasks.first?.usage.cpuTimeSeconds ?? 0 > 0 })
            let running = await harness.agent.metricsReading()
            #expect(running.values["slave/tasks_running"] == 1)
            #expect(running.values["slave/cpus_used"] == 0.5 && running.values["slave/mem_used"] == 64)
            let task = try #require(running.tasks.first)
            #expect(task.key == TaskKey("framework-1", "busy"))
            #expect(task.executorID == "busy", "a command task's executor has the task's ID, as Mesos's command executor")
            #expect(task.usage.memoryBytes > 0)
            if harness.agent.isolation != "posix" { #expect(task.usage.memoryLimitBytes == 64 << 20) }

            harness.kill("busy")
            await harness.waitFor("busy") { $0.state == .killed }
            let after = await harness.agent.metricsReading()
            #expect(after.values["slave/tasks_running"] == 0 && after.values["slave/cpus_used"] == 0)
            #expect(after.tasks.isEmpty)
        }
    }
}
