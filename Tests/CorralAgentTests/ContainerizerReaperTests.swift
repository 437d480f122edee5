import Foundation
import Testing

@testable import CorralAgent

/// The reaper takes exactly the children it is asked about, whenever they exited.
@Suite("Child reaper")
struct ContainerizerReaperTests {
    @Test("A child that exited before anyone asked (a zombie) is reaped with its status")
    func zombieBeforeRegister() async throws {
        let pid = try spawn("/bin/sh", "-c", "exit 7")
        #expect(await Fixture.eventually { ProcessStat.read(pid)?.isZombie == true })
        #expect(try await ChildReaper.shared.exit(of: pid) == .exited(7))
        #expect(ProcessStat.read(pid) == nil)
    }

    @Test("Signals are reported as signals")
    func signaledChild() async throws {
        let pid = try spawn("/bin/sleep", "600")
        async let status = ChildReaper.shared.exit(of: pid)
        kill(pid, SIGKILL)
        #expect(try await status == .signaled(SIGKILL))
    }

    @Test("Many children exiting together are each reaped once")
    func manyChildren() async throws {
        let pids = try (0..<40).map { try spawn("/bin/sh", "-c", "exit \($0)") }
        // Testing has an ExitStatus too.
        typealias Reaped = (index: Int, status: CorralAgent.ExitStatus)
        try await withThrowingTaskGroup(of: Reaped.self) { group in
            for (index, pid) in pids.enumerated() {
                group.addTask { (index, try await ChildReaper.shared.exit(of: pid)) }
            }
            for try await (index, status) in group {
                #expect(status == .exited(Int32(index)))
            }
        }
    }

    @Test("A process that is not our child is refused rather than waited for forever")
    func notAChild() async {
        let error = await #expect(throws: ReaperError.self) { try await ChildReaper.shared.exit(of: 1) }
        #expect(error?.code == ECHILD)
    }

    private func spawn(_ arguments: String...) throws -> pid_t {
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let result = posix_spawn(&pid, arguments[0], nil, nil, argv, environ)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result)!) }
        return pid
    }
}
