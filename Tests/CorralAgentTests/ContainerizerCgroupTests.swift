import Foundation
import Testing

@testable import CorralAgent

/// What only cgroups give: membership from the first instruction, limits, OOM, accounting.
@Suite(
    "Containerizer under cgroups",
    .enabled(if: Fixture.cgroupsWritable, "cgroups v2 or v1 (cpu, cpuacct, memory) are not writable here")
)
struct ContainerizerCgroupTests {
    @Test("The process is in its cgroups before the user's command runs")
    func inCgroupBeforeExec() async throws {
        try await Fixture.withContainerizer(.cgroups) { containerizer, scratch in
            // The command reads its own membership: it was placed before exec.
            let spec = Fixture.spec("early", .exec(path: "/bin/cat", arguments: ["cat", "/proc/self/cgroup"]), in: scratch)
            _ = try await containerizer.launch(spec)
            #expect(try await containerizer.waitForTermination(containerID: "early").exit == .exited(0))
            let early = Fixture.contents(spec.sandbox + "/stdout")
            for controller in controllers(containerizer.mode) {
                #expect(cgroup(of: controller, in: early) == "/corral/\(containerizer.name)/early", "\(controller) in \(early)")
            }

            // And a long-running one stays there.
            let pid = try await containerizer.launch(Fixture.spec("sleeper", .shell("exec sleep 600"), in: scratch))
            let membership = Fixture.contents("/proc/\(pid)/cgroup")
            for controller in controllers(containerizer.mode) {
                #expect(cgroup(of: controller, in: membership) == "/corral/\(containerizer.name)/sleeper", "\(controller) in \(membership)")
            }
            #expect(try containerizer.processes(containerID: "sleeper") == [pid])
        }
    }

    @Test("A signal reaches processes that left the container's session")
    func signalReachesEscapedProcesses() async throws {
        try await Fixture.withContainerizer(.cgroups) { containerizer, scratch in
            // setsid puts the sleep in a session of its own, out of killpg's reach.
            _ = try await containerizer.launch(Fixture.spec("escape", .shell("setsid sleep 600 & wait"), in: scratch))
            var pids: [pid_t] = []
            #expect(try await Fixture.eventually {
                pids = try containerizer.processes(containerID: "escape")
                return pids.count == 2 && pids.contains { ProcessStat.read($0)?.session == $0 }
            })

            try containerizer.signal(containerID: "escape", signal: SIGTERM)

            #expect(try await containerizer.waitForTermination(containerID: "escape").exit == .signaled(SIGTERM))
            #expect(await Fixture.eventually { pids.allSatisfy { !Fixture.isRunning($0) } }, "still running: \(pids.filter(Fixture.isRunning))")
        }
    }

    @Test("Exceeding the memory limit ends the task as OOM-killed")
    func memoryLimit() async throws {
        try await Fixture.withContainerizer(.cgroups) { containerizer, scratch in
            // tail keeps the whole newline-free input in memory.
            let spec = Fixture.spec("hog", .shell("head -c 200M /dev/zero | tail"), in: scratch, memoryBytes: 32 << 20)
            _ = try await containerizer.launch(spec)
            let termination = try await containerizer.waitForTermination(containerID: "hog")
            #expect(termination.oomKilled)
            #expect(termination.message == "Memory limit exceeded: 32 MiB")
            #expect(containerizer.usage(containerID: "hog")?.memoryLimitBytes == 32 << 20)
        }
    }

    @Test("A busy loop's CPU time grows and its quota throttles it")
    func cpuAccounting() async throws {
        try await Fixture.withContainerizer(.cgroups) { containerizer, scratch in
            _ = try await containerizer.launch(Fixture.spec("busy", .shell("while :; do :; done"), in: scratch, cpus: 0.1))
            var usage: ContainerUsage?
            #expect(await Fixture.eventually(within: .seconds(20)) {
                usage = containerizer.usage(containerID: "busy")
                return (usage?.cpuTotalSeconds ?? 0) > 0.05 && (usage?.throttledPeriods ?? 0) > 2
            }, "\(String(describing: usage))")
            #expect(usage?.processes == 1)
            #expect((usage?.throttledSeconds ?? 0) > 0)
            #expect(containerizer.totalUsage().cpuTotalSeconds >= usage?.cpuTotalSeconds ?? .infinity)
        }
    }

    @Test("A containerizer kills and removes the cgroup a crashed run of the same name left")
    func staleParentIsRemoved() async throws {
        try await Fixture.withContainerizer(.cgroups) { crashed, scratch in
            _ = try await crashed.launch(Fixture.spec("left", .shell("exec sleep 600"), in: scratch))

            var quiet = Fixture.logger
            quiet.logLevel = .error // the warning about the stale cgroup is expected here
            let successor = try Containerizer(name: crashed.name, isolation: .cgroups, recordsDirectory: Fixture.records(crashed.name), logger: quiet)
            #expect(try await crashed.waitForTermination(containerID: "left").exit == .signaled(SIGKILL))
            #expect(successor.cgroupRoots.allSatisfy { !SystemFile.exists($0 + "/left") })
            await successor.destroyAll()
        }
    }

    @Test("A containerizer kills the tasks and removes the cgroups of agents whose process is gone")
    func abandonedAgentsAreSwept() async throws {
        try await Fixture.withContainerizer(.cgroups) { containerizer, scratch in
            // An "agent process" that lives only a moment: while it runs, its cgroup is in use
            // (other tests' containerizers sweep too, and must leave it alone).
            let owner = try await containerizer.launch(Fixture.spec("owner", .shell("exec sleep 1"), in: scratch))
            // Each containerizer's sandboxes and records, removed whatever happens (they were left
            // in the temporary directory on every run).
            let (abandonedRecords, oursRecords) = (Fixture.records("\(owner)-\(Fixture.uniqueName("abandoned"))"), Fixture.records("\(getpid())-\(Fixture.uniqueName("ours"))"))
            let nextRecords = Fixture.records(Fixture.uniqueName("next"))
            defer {
                for path in [scratch + "-orphan", scratch + "-ours", abandonedRecords, oursRecords, nextRecords] { try? FileManager.default.removeItem(atPath: path) }
            }
            let abandoned = try Containerizer(name: "\(owner)-\(Fixture.uniqueName("abandoned"))", isolation: .cgroups, recordsDirectory: abandonedRecords, logger: Fixture.logger)
            _ = try await abandoned.launch(Fixture.spec("orphan", .shell("exec sleep 600"), in: scratch + "-orphan"))
            // And an agent of this process, which must be left alone.
            let ours = try Containerizer(name: "\(getpid())-\(Fixture.uniqueName("ours"))", isolation: .cgroups, recordsDirectory: oursRecords, logger: Fixture.logger)
            _ = try await ours.launch(Fixture.spec("kept", .shell("exec sleep 600"), in: scratch + "-ours"))
            _ = try await containerizer.waitForTermination(containerID: "owner")

            var quiet = Fixture.logger
            quiet.logLevel = .error // the warning about the abandoned task is expected here
            let next = try Containerizer(name: Fixture.uniqueName("next"), isolation: .cgroups, recordsDirectory: nextRecords, logger: quiet)
            #expect(try await abandoned.waitForTermination(containerID: "orphan").exit == .signaled(SIGKILL))
            #expect(abandoned.cgroupRoots.allSatisfy { !SystemFile.exists($0) })
            #expect(try ours.processes(containerID: "kept").count == 1)
            await ours.destroyAll()
            await next.destroyAll()
        }
    }

    /// The controllers to look for in /proc/<pid>/cgroup; "" is v2's unified line.
    private func controllers(_ mode: IsolationMode) -> [String] {
        mode == .cgroupsV1 ? ["cpu", "cpuacct", "memory"] : [""]
    }

    /// The cgroup path of `controller` in the text of /proc/<pid>/cgroup ("4:memory:/path").
    private func cgroup(of controller: String, in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let names = fields[1].split(separator: ",").map(String.init)
            if controller.isEmpty ? fields[0] == "0" && names.isEmpty : names.contains(controller) {
                return String(fields[2])
            }
        }
        return nil
    }
}
