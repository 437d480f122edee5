import CorralModel
import CorralTesting
import Foundation
import Testing

@testable import CorralAgent

#if canImport(Glibc)
import Glibc
#endif

/// Health checks run by the agent beside real tasks, reported as RUNNING updates with `healthy`.
@Suite("Agent health checks", .timeLimit(.minutes(2)))
struct AgentHealthCheckTests {
    /// Tasks get the agent's PATH, which is this process's.
    static let python3Available = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
        access($0 + "/python3", X_OK) == 0
    }

    /// A checks schedule for tests: at once, then every 0.1 s.
    static func check(_ kind: HealthCheck.Kind, failures: Int = 1, grace: Double = 0, timeout: Double = 10) -> HealthCheck {
        HealthCheck(kind: kind, delaySeconds: 0, intervalSeconds: 0.1, timeoutSeconds: timeout, consecutiveFailures: failures, gracePeriodSeconds: grace)
    }

    @Test("A COMMAND check runs with the task's environment in its sandbox: healthy while the file is there, unhealthy when the task removes it")
    func commandCheck() async throws {
        try await AgentHarness.run { harness in
            // The grace period covers checks that run before the task has created its file.
            var check = Self.check(.command, failures: 2, grace: 60)
            check.command = .shell(#"test -f "$MESOS_SANDBOX/$FLAG_FILE" && test -f "$FLAG_FILE""#)
            // The task removes its flag file when the test says so (by creating `go`).
            try harness.launch(
                "flagged", "touch ok; until [ -f go ]; do sleep 0.05; done; rm ok; exec sleep 600",
                environment: ["FLAG_FILE": "ok"], healthCheck: check)

            let healthy = await harness.waitFor("flagged") { $0.healthy == true }
            #expect(healthy?.state == .running)
            #expect(healthy?.reason == .taskHealthCheckStatusUpdated)
            #expect(healthy?.uuid?.count == 16)
            let sandbox = try #require(await harness.agent.sandbox(of: TaskKey(AgentHarness.framework.id!, "flagged")))
            #expect(FileManager.default.createFile(atPath: sandbox.directory + "/go", contents: nil))

            let unhealthy = await harness.waitFor("flagged") { $0.healthy == false }
            #expect(unhealthy?.reason == .taskHealthCheckStatusUpdated)
            #expect(unhealthy?.message == #"Command `test -f "$MESOS_SANDBOX/$FLAG_FILE" && test -f "$FLAG_FILE"` exited with status 1"#)
            #expect(await harness.healthUpdates(of: "flagged").map(\.healthy) == [true, false])
            // Only the task itself is reported: its checks are not tasks.
            #expect(Set(await harness.master.updates.map(\.status.taskID)) == ["flagged"])

            // The agent leaves an unhealthy task running: the framework decides.
            #expect(await harness.statuses(of: "flagged").last?.state == .running)
            harness.kill("flagged")
            await harness.waitFor("flagged") { $0.state == .killed }
            #expect(await harness.statuses(of: "flagged").last?.state == .killed)  // no health update after the end
        }
    }

    @Test("An HTTP check becomes healthy once the task serves HTTP on its port", .enabled(if: python3Available, "python3 is not installed"))
    func httpCheck() async throws {
        try await AgentHarness.run { harness in
            let port = try freePort()
            var check = Self.check(.http, failures: 3, grace: 60)
            check.port = UInt32(port)
            try harness.launch(
                "web", "exec python3 -m http.server $PORT --bind 127.0.0.1", environment: ["PORT": "\(port)"],
                resources: "cpus:0.5;mem:256", healthCheck: check)

            let healthy = await harness.waitFor("web") { $0.healthy != nil }
            #expect(healthy?.healthy == true)  // failures while Python started were within the grace period
            #expect(healthy?.message == "HTTP GET http://127.0.0.1:\(port)/: status 200")
        }
    }

    @Test("A TCP check of a port nobody listens on makes the task unhealthy")
    func tcpCheckRefused() async throws {
        try await AgentHarness.run { harness in
            let port = try freePort()
            var check = Self.check(.tcp, failures: 3)
            check.port = UInt32(port)
            try harness.launch("deaf", "exec sleep 600", healthCheck: check)

            let unhealthy = await harness.waitFor("deaf") { $0.healthy != nil }
            #expect(unhealthy?.healthy == false)
            #expect(unhealthy?.reason == .taskHealthCheckStatusUpdated)
            #expect(unhealthy?.message == "TCP connect to 127.0.0.1:\(port): Connection refused")
        }
    }

    @Test("A check command that outlives its timeout is killed and counts as a failure; none is left when the task ends")
    func commandTimeout() async throws {
        let marker = "corral-test-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try await AgentHarness.run { harness in
            var check = Self.check(.command, timeout: 0.3)
            check.command = .shell("sleep 600; echo \(marker)")
            try harness.launch("slow", "exec sleep 600", healthCheck: check)

            let unhealthy = await harness.waitFor("slow") { $0.healthy != nil }
            #expect(unhealthy?.healthy == false)
            #expect(unhealthy?.message == "Command `sleep 600; echo \(marker)`: timed out after 0.3 s")
            // Checks keep coming every 0.1 s; killing the task stops them and kills the one running.
            harness.kill("slow")
            await harness.waitFor("slow") { $0.state == .killed }
            #expect(await eventually { processes(containing: marker).isEmpty }, "left running: \(processes(containing: marker))")
        }
    }
}
