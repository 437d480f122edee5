import Foundation
import Testing

@testable import CorralAgent

/// Choosing the isolation from the mount table, without needing any particular host.
@Suite("Containerizer isolation choice")
struct ContainerizerIsolationTests {
    /// This project's machines: v1 controllers each on their own mount, and a cgroup2 mount that
    /// only has hugetlb.
    static let projectMachine = """
        tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
        cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
        cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0
        cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
        cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0
        cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
        """

    @Test("The mount table gives cgroup2 mounts and each v1 controller's hierarchy")
    func parsesMountTable() {
        let mounts = CgroupMounts(mountTable: Self.projectMachine)
        #expect(mounts.unified == [.init(point: "/sys/fs/cgroup/unified", readOnly: false)])
        #expect(mounts.controllers["cpu"]?.point == "/sys/fs/cgroup/cpu")
        #expect(mounts.controllers["cpuacct"]?.point == "/sys/fs/cgroup/cpuacct")
        #expect(mounts.controllers["memory"]?.point == "/sys/fs/cgroup/memory")
        #expect(mounts.controllers.keys.sorted() == ["cpu", "cpuacct", "memory"])
    }

    @Test("Co-mounted controllers share a hierarchy; escaped mount points are decoded")
    func parsesCoMountsAndEscapes() {
        let mounts = CgroupMounts(mountTable: """
            cgroup /cg/cpu,cpuacct cgroup ro,nosuid,cpu,cpuacct 0 0
            cgroup2 /my\\040cgroups cgroup2 rw,nsdelegate 0 0
            """)
        #expect(mounts.controllers["cpu"] == .init(point: "/cg/cpu,cpuacct", readOnly: true))
        #expect(mounts.controllers["cpuacct"] == mounts.controllers["cpu"])
        #expect(mounts.unified.map(\.point) == ["/my cgroups"])
    }

    @Test("A cgroup2 hierarchy without cpu and memory is not chosen, and the reason says so")
    func unifiedWithoutControllers() throws {
        let hierarchy = NSTemporaryDirectory() + Fixture.uniqueName("fake-cgroup2")
        try FileManager.default.createDirectory(atPath: hierarchy, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: hierarchy) }
        try "hugetlb\n".write(toFile: hierarchy + "/cgroup.controllers", atomically: false, encoding: .utf8)
        let mounts = CgroupMounts(unified: [.init(point: hierarchy, readOnly: false)])

        let error = #expect(throws: ContainerizerError.self) {
            try CgroupsV2Isolator(name: "agent", mounts: mounts, logger: Fixture.logger)
        }
        #expect(error == .cgroup("cgroup2 at \(hierarchy) lacks cpu, memory (has: hugetlb)"))
        #expect(!SystemFile.exists(hierarchy + "/corral"))
    }

    @Test("auto falls back to posix without usable cgroups, and says why")
    func autoFallsBackToPosix() throws {
        let containerizer = try Containerizer(name: "agent", isolation: .auto, mounts: CgroupMounts(), recordsDirectory: Fixture.records("agent"), logger: Fixture.logger)
        #expect(containerizer.mode == .posix)
        #expect(containerizer.modeReason == "no usable cgroups, so no limits are enforced (not v2: no cgroup2 hierarchy is mounted; not v1: the v1 cpu hierarchy is not mounted)")
        #expect(containerizer.cgroupRoots.isEmpty)
    }

    @Test("cgroups fails clearly when neither version is usable")
    func cgroupsRequestFails() {
        let readOnly = CgroupMounts(controllers: [
            "cpu": .init(point: "/sys/fs/cgroup/cpu", readOnly: false),
            "cpuacct": .init(point: "/sys/fs/cgroup/cpuacct", readOnly: false),
            "memory": .init(point: "/sys/fs/cgroup/memory", readOnly: true),
        ])
        let error = #expect(throws: ContainerizerError.self) {
            try Containerizer(name: "agent", isolation: .cgroups, mounts: readOnly, recordsDirectory: Fixture.records("agent"), logger: Fixture.logger)
        }
        #expect(error?.description == "cgroups isolation is unavailable: not v2: no cgroup2 hierarchy is mounted; not v1: the v1 memory hierarchy at /sys/fs/cgroup/memory is not writable")
    }

    @Test("posix is used when asked for, whatever is mounted")
    func posixOnRequest() throws {
        let containerizer = try Containerizer(name: "agent", isolation: .posix, recordsDirectory: Fixture.records("agent"), logger: Fixture.logger)
        #expect(containerizer.mode == .posix)
        #expect(containerizer.modeReason == "posix isolation was requested")
    }

    @Test("Containerizer names are held to the container ID rule, since they name a cgroup")
    func invalidName() {
        #expect(throws: ContainerizerError.invalidContainerID("a/b", reason: "it contains '/'")) {
            try Containerizer(name: "a/b", isolation: .posix, recordsDirectory: Fixture.records("a/b"), logger: Fixture.logger)
        }
    }
}
