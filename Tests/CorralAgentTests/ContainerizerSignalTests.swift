import Foundation
import Testing

@testable import CorralAgent

/// Signals reach a container's whole tree, and destroying leaves nothing running.
@Suite("Containerizer signals and destruction")
struct ContainerizerSignalTests {
    /// `sh` and two `sleep`s: a tree to kill.
    static let tree = ContainerCommand.shell("sleep 600 & sleep 600 & wait")

    @Test("SIGTERM ends every process of the tree", arguments: [IsolationRequest.auto, .posix])
    func sigtermKillsTheTree(isolation: IsolationRequest) async throws {
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            _ = try await containerizer.launch(Fixture.spec("tree", Self.tree, in: scratch))
            var pids: [pid_t] = []
            #expect(try await Fixture.eventually {
                pids = try containerizer.processes(containerID: "tree")
                return pids.count == 3
            })

            try containerizer.signal(containerID: "tree", signal: SIGTERM)
            let termination = try await containerizer.waitForTermination(containerID: "tree")

            #expect(termination.exit == .signaled(SIGTERM))
            #expect(termination.message == "Command terminated by signal SIGTERM")
            #expect(await Fixture.eventually { pids.allSatisfy { !Fixture.isRunning($0) } }, "still running: \(pids.filter(Fixture.isRunning))")
        }
    }

    @Test("destroy kills what the first process left behind", arguments: [IsolationRequest.auto, .posix])
    func destroyKillsLeftovers(isolation: IsolationRequest) async throws {
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            _ = try await containerizer.launch(Fixture.spec("orphan", .shell("sleep 600 & echo $! > sleeper"), in: scratch))
            #expect(try await containerizer.waitForTermination(containerID: "orphan").exit == .exited(0))
            let sleeper = try #require(pid_t(Fixture.contents(scratch + "/orphan/sleeper").filter(\.isNumber)))
            #expect(Fixture.isRunning(sleeper))
            #expect(try containerizer.processes(containerID: "orphan") == [sleeper])

            try await containerizer.destroy(containerID: "orphan")

            #expect(await Fixture.eventually { !Fixture.isRunning(sleeper) })
            #expect(containerizer.usage(containerID: "orphan") == nil)
        }
    }

    @Test("destroyAll leaves no process and no cgroup, and refuses later launches", arguments: [IsolationRequest.auto, .posix])
    func destroyAllLeavesNothing(isolation: IsolationRequest) async throws {
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            var pids: [pid_t] = []
            for id in ["first", "second"] {
                _ = try await containerizer.launch(Fixture.spec(id, Self.tree, in: scratch))
                #expect(try await Fixture.eventually { try containerizer.processes(containerID: id).count == 3 })
                pids += try containerizer.processes(containerID: id)
            }
            let roots = containerizer.cgroupRoots
            #expect(roots.allSatisfy(SystemFile.exists))

            await containerizer.destroyAll()

            #expect(await Fixture.eventually { pids.allSatisfy { !Fixture.isRunning($0) } }, "still running: \(pids.filter(Fixture.isRunning))")
            #expect(roots.allSatisfy { !SystemFile.exists($0) }, "left behind: \(roots.filter(SystemFile.exists))")
            let error = await #expect(throws: ContainerizerError.self) {
                try await containerizer.launch(Fixture.spec("late", .shell("true"), in: scratch))
            }
            #expect(error == .shutDown)
        }
    }
}
