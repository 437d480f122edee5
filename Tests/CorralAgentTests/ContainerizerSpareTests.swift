import Foundation
import Testing

@testable import CorralAgent

/// Cgroups made ahead of launches (the agent asks for them once a launch is answered): the next
/// launch renames one instead of making its own, and none outlives the containerizer, whichever
/// way it ends.
@Suite(
    "Containerizer's spare cgroups",
    .enabled(if: Fixture.cgroupsWritable, "cgroups v2 or v1 (cpu, cpuacct, memory) are not writable here")
)
struct ContainerizerSpareTests {
    private func spares(_ containerizer: Containerizer) -> Set<String> { Fixture.spares(of: containerizer) }

    @Test("Spares made ahead: the next launch takes one, with its limits, and another is made")
    func theNextLaunchTakesASpare() async throws {
        try await Fixture.withContainerizer(.cgroups) { containerizer, scratch in
            #expect(spares(containerizer).isEmpty, "no spare before they are asked for")
            _ = try await containerizer.launch(Fixture.spec("first", .shell("exec sleep 600"), in: scratch))
            containerizer.prepareAhead()
            #expect(spares(containerizer) == ["spare-1", "spare-2"])

            let pid = try await containerizer.launch(Fixture.spec("second", .shell("exec sleep 600"), in: scratch, cpus: 0.5, memoryBytes: 64 << 20))
            #expect(spares(containerizer) == ["spare-1"], "spare-2 became the container")
            containerizer.prepareAhead()
            #expect(spares(containerizer) == ["spare-1", "spare-3"])
            #expect(try containerizer.processes(containerID: "second") == [pid])
            #expect(containerizer.usage(containerID: "second")?.memoryLimitBytes == 64 << 20)
            // Half a CPU: a quota of half the kernel's default period, which is not written.
            let cpu = try #require(containerizer.cgroupRoots.first, "v1's cpu hierarchy comes first; v2 has one")
            if containerizer.mode == .cgroupsV1 {
                #expect(Fixture.contents(cpu + "/second/cpu.cfs_period_us") == "100000\n")
                #expect(Fixture.contents(cpu + "/second/cpu.cfs_quota_us") == "50000\n")
            } else {
                #expect(Fixture.contents(cpu + "/second/cpu.max") == "50000 100000\n")
            }
            for root in containerizer.cgroupRoots {
                #expect(SystemFile.exists(root + "/second/cgroup.procs") && !SystemFile.exists(root + "/spare-2"))
            }
        }
    }

    @Test("Destroying every container removes the spares with the parent cgroups")
    func destroyAllRemovesSpares() async throws {
        var roots: [String] = []
        try await Fixture.withContainerizer(.cgroups) { containerizer, scratch in
            roots = containerizer.cgroupRoots
            _ = try await containerizer.launch(Fixture.spec("task", .shell("exit 0"), in: scratch))
            containerizer.prepareAhead()
            #expect(spares(containerizer).count == 2)
        }
        #expect(roots.allSatisfy { !SystemFile.exists($0) }, "left: \(roots.filter(SystemFile.exists))")
    }

    @Test("Let go of (an agent stopped by SIGTERM), a containerizer leaves no spare; one killed leaves spares its successor removes")
    func releaseAndRestartLeaveNoSpare() async throws {
        let scratch = NSTemporaryDirectory() + Fixture.uniqueName("corral-spares")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let name = Fixture.uniqueName("spares")
        let first = try Containerizer(name: name, isolation: .cgroups, recordsDirectory: scratch + "/records", logger: Fixture.logger)
        _ = try await first.launch(Fixture.spec("ends", .shell("exit 0"), in: scratch))
        first.prepareAhead()
        #expect(spares(first).count == 2)
        _ = try await first.waitForTermination(containerID: "ends")
        try await first.destroy(containerID: "ends")
        first.release()
        #expect(first.cgroupRoots.allSatisfy { !SystemFile.exists($0) }, "an agent with nothing running leaves no cgroup")

        // A containerizer killed with spares ready: the next one on the same name keeps the
        // containers but not the spares.
        let killed = try Containerizer(name: name, isolation: .cgroups, recordsDirectory: scratch + "/records", keepingContainers: true, logger: Fixture.logger)
        _ = try await killed.launch(Fixture.spec("runs", .shell("exec sleep 600"), in: scratch))
        killed.prepareAhead()
        #expect(spares(killed).count == 2)
        let successor = try Containerizer(name: name, isolation: .cgroups, recordsDirectory: scratch + "/records", keepingContainers: true, logger: Fixture.logger)
        #expect(spares(successor).isEmpty)
        #expect(successor.cgroupRoots.allSatisfy { SystemFile.exists($0 + "/runs") })
        await killed.destroyAll()
        await successor.destroyAll()
        #expect(successor.cgroupRoots.allSatisfy { !SystemFile.exists($0) })
    }
}
