import Foundation
import Testing

@testable import CorralAgent

/// Launching and reaping, under whatever isolation this host gives (`auto`) and under posix.
@Suite("Containerizer launch")
struct ContainerizerLaunchTests {
    @Test("A command's output goes to the sandbox and its exit status comes back", arguments: [IsolationRequest.auto, .posix])
    func outputFilesAndExitStatus(isolation: IsolationRequest) async throws {
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            let spec = Fixture.spec("echo", .shell("echo out; echo err >&2; exit 3"), in: scratch)
            _ = try await containerizer.launch(spec)
            let termination = try await containerizer.waitForTermination(containerID: "echo")

            #expect(termination.exit == .exited(3))
            #expect(!termination.oomKilled)
            #expect(termination.message == "Command exited with status 3")
            #expect(Fixture.contents(spec.sandbox + "/stdout") == "out\n")
            #expect(Fixture.contents(spec.sandbox + "/stderr") == "err\n")
        }
    }

    @Test("The child gets exactly the given environment and runs in its sandbox", arguments: [IsolationRequest.auto, .posix])
    func environmentAndWorkingDirectory(isolation: IsolationRequest) async throws {
        setenv("CORRAL_AGENT_ONLY", "leaked", 1)
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            let spec = Fixture.spec(
                "env", .shell(#"echo "$GREETING"; echo "${CORRAL_AGENT_ONLY-unset}"; pwd -P"#), in: scratch,
                environment: ["GREETING": "hello there"]
            )
            _ = try await containerizer.launch(spec)
            #expect(try await containerizer.waitForTermination(containerID: "env").exit == .exited(0))

            let sandbox = try #require(SystemFile.realPath(spec.sandbox))
            #expect(Fixture.contents(spec.sandbox + "/stdout") == "hello there\nunset\n\(sandbox)\n")
        }
    }

    /// The supervisor ignores a few signals, and the agent may ignore others (SIGPIPE, say): a
    /// task inherits none of that, and blocks nothing.
    @Test("The task starts with every signal at its default action and none blocked", arguments: [IsolationRequest.auto, .posix])
    func signalsStartAtTheirDefaults(isolation: IsolationRequest) async throws {
        // Ignored by "the agent" before its supervisor server starts (SIGUSR2 is nobody's here).
        let previous = signal(SIGUSR2, SIG_IGN)
        defer { signal(SIGUSR2, previous) }
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            let spec = Fixture.spec("signals", .exec(path: "/bin/grep", arguments: ["grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"]), in: scratch)
            _ = try await containerizer.launch(spec)
            #expect(try await containerizer.waitForTermination(containerID: "signals").exit == .exited(0))
            #expect(Fixture.contents(spec.sandbox + "/stdout") == "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n")
        }
    }

    @Test("exec passes arguments as the whole argv and finds a bare name in the container's PATH")
    func execArguments() async throws {
        try await Fixture.withContainerizer(.posix) { containerizer, scratch in
            // argv[0] is "my-shell"; were the path prepended, sh would try to run a file named "my-shell".
            let script = #"tr '\0' ' ' < /proc/$$/cmdline; echo; echo "$0|$1""#
            let spec = Fixture.spec("argv", .exec(path: "sh", arguments: ["my-shell", "-c", script, "one", "two words"]), in: scratch)
            _ = try await containerizer.launch(spec)
            #expect(try await containerizer.waitForTermination(containerID: "argv").exit == .exited(0))
            #expect(Fixture.contents(spec.sandbox + "/stdout") == "my-shell -c \(script) one two words \none|two words\n")

            let bare = Fixture.spec("bare", .exec(path: "/bin/echo", arguments: []), in: scratch)
            _ = try await containerizer.launch(bare)
            #expect(try await containerizer.waitForTermination(containerID: "bare").exit == .exited(0))
            #expect(Fixture.contents(bare.sandbox + "/stdout") == "\n")
        }
    }

    @Test("A task whose output file cannot be opened fails the launch naming that file", arguments: [IsolationRequest.auto, .posix])
    func unopenableOutput(isolation: IsolationRequest) async throws {
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            // A directory where the task's output goes: the supervisor's child fails to open it.
            for name in ["stdout", "stderr"] {
                let spec = Fixture.spec("blocked-\(name)", .shell("exit 0"), in: scratch)
                try FileManager.default.createDirectory(atPath: spec.sandbox + "/" + name, withIntermediateDirectories: true)
                let sandbox = try #require(SystemFile.realPath(spec.sandbox))
                let error = await #expect(throws: ContainerizerError.self) { try await containerizer.launch(spec) }
                #expect(error == .launchFailed(containerID: spec.containerID, "open \(sandbox)/\(name): Is a directory"))
            }
        }
    }

    @Test("A program that cannot be executed fails the launch with the step and the reason", arguments: [IsolationRequest.auto, .posix])
    func failedExec(isolation: IsolationRequest) async throws {
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            let missing = Fixture.spec("missing", .exec(path: "/nonexistent/program", arguments: []), in: scratch)
            let error = await #expect(throws: ContainerizerError.self) { try await containerizer.launch(missing) }
            #expect(error == .launchFailed(containerID: "missing", "exec /nonexistent/program: No such file or directory"))

            let unknown = Fixture.spec("unknown", .exec(path: "no-such-program", arguments: []), in: scratch)
            let notFound = await #expect(throws: ContainerizerError.self) { try await containerizer.launch(unknown) }
            #expect(notFound == .launchFailed(containerID: "unknown", "exec no-such-program: not found in PATH /usr/bin:/bin"))

            // A failed launch leaves no container behind: the ID can be used again.
            #expect(containerizer.usage(containerID: "missing") == nil)
            _ = try await containerizer.launch(Fixture.spec("missing", .shell("exit 0"), in: scratch))
            #expect(try await containerizer.waitForTermination(containerID: "missing").exit == .exited(0))
        }
    }

    @Test("Container IDs that are not a single path component are rejected")
    func invalidContainerIDs() async throws {
        try await Fixture.withContainerizer(.posix) { containerizer, scratch in
            for id in ["", ".", "..", "a/b", "../escape"] {
                let error = await #expect(throws: ContainerizerError.self) {
                    try await containerizer.launch(Fixture.spec(id, .shell("true"), in: scratch))
                }
                guard case .invalidContainerID(id, _)? = error else {
                    Issue.record("'\(id)' was not rejected as invalid: \(String(describing: error))")
                    continue
                }
            }
        }
    }

    @Test("A second launch of a running container's ID is rejected")
    func duplicateID() async throws {
        try await Fixture.withContainerizer(.posix) { containerizer, scratch in
            _ = try await containerizer.launch(Fixture.spec("once", .shell("sleep 600"), in: scratch))
            let error = await #expect(throws: ContainerizerError.self) {
                try await containerizer.launch(Fixture.spec("once", .shell("true"), in: scratch))
            }
            #expect(error == .duplicateContainer("once"))
        }
    }

    @Test("Every waiter gets the same termination, even one that comes after it happened")
    func terminationForEveryWaiter() async throws {
        try await Fixture.withContainerizer(.posix) { containerizer, scratch in
            _ = try await containerizer.launch(Fixture.spec("quick", .exec(path: "/bin/true", arguments: []), in: scratch))
            async let first = containerizer.waitForTermination(containerID: "quick")
            async let second = containerizer.waitForTermination(containerID: "quick")
            let both = try await [first, second]
            let late = try await containerizer.waitForTermination(containerID: "quick")
            #expect(both == [ContainerTermination(exit: .exited(0)), ContainerTermination(exit: .exited(0))])
            #expect(late == both[0])
        }
    }

    @Test("Containers launched concurrently each get their own process and status", arguments: [IsolationRequest.auto, .posix])
    func concurrentLaunches(isolation: IsolationRequest) async throws {
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        let id = "c\(index)"
                        _ = try await containerizer.launch(Fixture.spec(id, .shell("echo \(index); exit \(index)"), in: scratch))
                        let termination = try await containerizer.waitForTermination(containerID: id)
                        #expect(termination.exit == .exited(Int32(index)))
                        #expect(Fixture.contents("\(scratch)/\(id)/stdout") == "\(index)\n")
                        try await containerizer.destroy(containerID: id)
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
