import Foundation
import Testing

@Suite(.timeLimit(.minutes(2))) struct ExecuteCommandTests {
    let corral = BuiltProgram(name: "corral")

    @Test func finishedTaskExitsZeroAndStreamsItsOutput() async throws {
        let outcome = try await corral.run(["execute", "--command", "echo out; echo err >&2", "--name", "greeting", "--work-dir", "/tmp/corral-tests/execute"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "out\n")
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("TASK_STARTING"))
        #expect(lines.contains("TASK_RUNNING"))
        #expect(lines.contains("err"))
        #expect(lines.last == "TASK_FINISHED: Command exited with status 0")
    }

    @Test func failedTaskExitsNonZeroWithReasonAndMessage() async throws {
        let outcome = try await corral.run(["execute", "--command", "exit 7", "--work-dir", "/tmp/corral-tests/execute"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("TASK_FAILED (REASON_COMMAND_EXECUTOR_FAILED): Command exited with status 7"))
    }

    @Test func taskTooBigForAnyAgentIsReportedNotAwaitedForever() async throws {
        let outcome = try await corral.run(["execute", "--command", "true", "--cpus", "64", "--agent-resources", "cpus:2;mem:512", "--work-dir", "/tmp/corral-tests/execute"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("No agent can fit the task (cpus:64;mem:32); the largest has cpus:2;mem:512"))
    }

    /// Issue 8: with the master gone, SIGTERM (or Ctrl-C) ends the command within bounded time,
    /// non-zero, saying what it could not do.
    @Test func interruptedWithNoMasterEndsSoonSayingNothingRuns() async throws {
        let started = Date()
        // Nothing listens on port 1: the framework never subscribes, so nothing is launched.
        let outcome = try await corral.run(["execute", "--command", "sleep 30", "--master", "127.0.0.1:1"], timeout: 30, signal: (SIGTERM, after: 2))
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("corral execute: interrupted before task 'sleep' was launched on the master at 127.0.0.1:1; nothing runs"), "stderr: \(outcome.stderr)")
    }

    @Test(arguments: [
        (["execute"], "Missing expected argument '--command <command>'"),
        (["execute", "--command", "true", "--cpus", "0"], "--cpus must be positive, got 0.0"),
        (["execute", "--command", "true", "--agent-resources", "cpus:x"], "invalid resources 'cpus:x': in 'cpus:x': 'x' is not a number"),
        (["execute", "--command", "true", "--isolation", "docker"], "The value 'docker' is invalid for '--isolation <auto|cgroups|posix>'"),
    ])
    func invalidFlagsAreUsageErrors(arguments: [String], message: String) async throws {
        let outcome = try await corral.run(arguments)
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains(message), "stderr: \(outcome.stderr)")
    }
}
