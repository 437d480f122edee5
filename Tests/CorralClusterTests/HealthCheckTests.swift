import CorralCluster
import CorralModel
import CorralSDK
import CorralTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Health checks on an in-process cluster: the agent's health updates reach the framework.
@Suite(.timeLimit(.minutes(2))) struct HealthCheckTests {
    @Test func healthUpdatesReachTheFrameworkAsRunningUpdates() async throws {
        try await TestCluster.withFramework { cluster, framework in
            // Passes until the task creates `sick` (on the framework's word: a file `go`).
            let check = HealthCheck(
                kind: .command, delaySeconds: 0, intervalSeconds: 0.1, timeoutSeconds: 10, consecutiveFailures: 1, gracePeriodSeconds: 0,
                command: .shell("test ! -f sick"))
            try await framework.launch("checked", "until [ -f go ]; do sleep 0.05; done; touch sick; exec sleep 600", healthCheck: check)

            let healthy = await eventually { await framework.scheduler.statuses.contains { $0.taskID == "checked" && $0.healthy == true } }
            #expect(healthy)
            let agentID = try #require(await framework.scheduler.agent(of: "checked"))
            let frameworkID = try #require(await framework.driver.frameworkID)
            let sandbox = try #require(await cluster.sandbox(of: TaskKey(frameworkID, "checked"), on: agentID))
            try touch(sandbox.directory + "/go")

            let unhealthy = await eventually { await framework.scheduler.statuses.contains { $0.taskID == "checked" && $0.healthy == false } }
            #expect(unhealthy)
            let health = await framework.scheduler.statuses.filter { $0.taskID == "checked" && $0.healthy != nil }
            #expect(health.map(\.healthy) == [true, false])
            #expect(health.allSatisfy { $0.state == .running && $0.reason == .taskHealthCheckStatusUpdated && $0.source == .executor })
            #expect(health.last?.message == "Command `test ! -f sick` exited with status 1")
            // The master keeps the task RUNNING and remembers its health for reconciliation.
            let record = await cluster.master.snapshot().tasks.first { $0.id == "checked" }
            #expect(record?.state == .running)
            #expect(record?.latestStatus?.healthy == false)
        }
    }
}

private func touch(_ path: String) throws {
    guard let file = fopen(path, "w") else { throw POSIXError(errno) }
    fclose(file)
}
