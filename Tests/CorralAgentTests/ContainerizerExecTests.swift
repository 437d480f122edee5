import CorralTesting
import Foundation
import Testing

@testable import CorralAgent

/// Commands run beside a container's task (health checks): same place, same cgroups, reaped.
@Suite("Containerizer exec", .timeLimit(.minutes(2)))
struct ContainerizerExecTests {
    @Test("exec runs in the task's sandbox and cgroups with the given environment", arguments: [IsolationRequest.auto, .posix])
    func besideTheTask(isolation: IsolationRequest) async throws {
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            let spec = Fixture.spec("task", .shell("exec sleep 600"), in: scratch)
            let pid = try await containerizer.launch(spec)
            let status = try await containerizer.exec(
                .shell(#"echo "$GREETING"; pwd -P; cat /proc/self/cgroup"#), environment: ["GREETING": "hi", "PATH": "/usr/bin:/bin"],
                in: "task", outputName: "check")

            #expect(status == .exited(0))
            let sandbox = try #require(SystemFile.realPath(spec.sandbox))
            #expect(Fixture.contents(spec.sandbox + "/check.stdout") == "hi\n\(sandbox)\n" + Fixture.contents("/proc/\(pid)/cgroup"))
            #expect(try containerizer.processes(containerID: "task") == [pid])  // the check is gone

            // Each run's output replaces the last one's.
            #expect(try await containerizer.exec(.shell("echo again; exit 4"), environment: [:], in: "task", outputName: "check") == .exited(4))
            #expect(Fixture.contents(spec.sandbox + "/check.stdout") == "again\n")
        }
    }

    @Test("An exec whose output file cannot be opened fails naming that file", arguments: [IsolationRequest.auto, .posix])
    func unopenableOutput(isolation: IsolationRequest) async throws {
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            let spec = Fixture.spec("task", .shell("exec sleep 600"), in: scratch)
            _ = try await containerizer.launch(spec)
            let sandbox = try #require(SystemFile.realPath(spec.sandbox))
            try FileManager.default.createDirectory(atPath: sandbox + "/check.stderr", withIntermediateDirectories: true)
            await #expect(throws: ContainerizerError.launchFailed(containerID: "task", "open \(sandbox)/check.stderr: Is a directory")) {
                try await containerizer.exec(.shell("exit 0"), environment: [:], in: "task", outputName: "check")
            }
        }
    }

    @Test("Cancelling an exec kills its command and returns once it is reaped", arguments: [IsolationRequest.auto, .posix])
    func cancellationKills(isolation: IsolationRequest) async throws {
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            let spec = Fixture.spec("task", .shell("exec sleep 600"), in: scratch)
            _ = try await containerizer.launch(spec)
            let running = Task {
                try await containerizer.exec(
                    .shell("sleep 600 & echo $$ $! > check.pids; wait"), environment: ["PATH": "/usr/bin:/bin"], in: "task", outputName: "check")
            }
            var pids: [pid_t] = []
            #expect(await Fixture.eventually {
                pids = Fixture.contents(spec.sandbox + "/check.pids").split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
                return pids.count == 2
            })
            running.cancel()
            #expect(try await running.value(within: .seconds(30)) == .signaled(SIGKILL))
            // The shell is reaped; its sleep, in the same process group, was killed with it.
            #expect(await Fixture.eventually { pids.allSatisfy { !Fixture.isRunning($0) } }, "still running: \(pids.filter(Fixture.isRunning))")
        }
    }

    @Test("exec refuses a container whose task has ended, and an unknown one")
    func endedContainer() async throws {
        try await Fixture.withContainerizer(.posix) { containerizer, scratch in
            _ = try await containerizer.launch(Fixture.spec("done", .shell("true"), in: scratch))
            _ = try await containerizer.waitForTermination(containerID: "done")
            await #expect(throws: ContainerizerError.launchFailed(containerID: "done", "its task has ended")) {
                try await containerizer.exec(.shell("true"), environment: [:], in: "done", outputName: "check")
            }
            await #expect(throws: ContainerizerError.unknownContainer("nope")) {
                try await containerizer.exec(.shell("true"), environment: [:], in: "nope", outputName: "check")
            }
        }
    }
}
