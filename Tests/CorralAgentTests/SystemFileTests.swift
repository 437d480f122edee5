@testable import CorralAgent
import Foundation
import Glibc
import Testing

/// The canonical path of a sandbox, asked on every launch: the kernel's name for it.
@Suite(.timeLimit(.minutes(1))) struct SystemFileTests {
    @Test func realPathResolvesLinksAndDotsToTheCanonicalPath() throws {
        let scratch = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let canonical = try Self.libcRealPath(scratch)
        #expect(mkdir(scratch + "/real", 0o755) == 0)
        #expect(symlink(scratch + "/real", scratch + "/link") == 0)

        #expect(SystemFile.realPath(scratch + "/link") == canonical + "/real")
        #expect(SystemFile.realPath(scratch + "/real/../link/.") == canonical + "/real")
        #expect(SystemFile.realPath(scratch + "/missing") == nil)
    }

    /// A fifo where a sandbox should be (a task can make one) is named, never opened for
    /// reading: that would wait for a writer forever.
    @Test func realPathOfAFifoDoesNotBlock() throws {
        let scratch = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let canonical = try Self.libcRealPath(scratch)
        #expect(mkfifo(scratch + "/fifo", 0o600) == 0)
        #expect(SystemFile.realPath(scratch + "/fifo") == canonical + "/fifo")
    }

    /// A private directory (the agent's checkpoint, its spares) made before the work directory
    /// exists must not make the work directory private too: tasks running as other users could
    /// not reach their sandboxes in it.
    @Test func createDirectoriesGivesOnlyTheLastItsMode() throws {
        let scratch = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let previous = umask(0o022)
        defer { umask(previous) }
        #expect(SystemFile.createDirectories(scratch + "/work/meta/spares", mode: 0o700) == 0)
        func mode(_ path: String) -> mode_t {
            var info = stat()
            return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
        }
        #expect(mode(scratch + "/work") == 0o755)
        #expect(mode(scratch + "/work/meta") == 0o755)
        #expect(mode(scratch + "/work/meta/spares") == 0o700)
    }

    /// realpath(3)'s answer, to compare with.
    private static func libcRealPath(_ path: String) throws -> String {
        let resolved = try #require(realpath(path, nil))
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/corral-systemfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// An embedded agent killed with -9 whose parent does not reap it stays a zombie: the next
/// cluster on its work dir must count it as gone and kill the tasks it left.
@Suite(.timeLimit(.minutes(1))) struct ProcessEndTests {
    @Test func aZombieHasEndedAndALiveProcessHasNot() async throws {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { free(argv[0]) }
        #expect(posix_spawn(&pid, "/bin/true", nil, nil, argv, environ) == 0)
        defer { var status: Int32 = 0; waitpid(pid, &status, 0) }
        // Not reaped yet: a zombie once it has exited.
        while ProcessStat.read(pid)?.isZombie != true { try await Task.sleep(for: .milliseconds(5)) }
        #expect(kill(pid, 0) == 0, "kill(pid, 0) takes a zombie for alive")
        #expect(ProcessStat.hasEnded(pid))
        #expect(ProcessStat.ownerHasEnded(ofName: "\(pid)-1-agent0"))

        #expect(!ProcessStat.hasEnded(getppid()))
        #expect(!ProcessStat.ownerHasEnded(ofName: "\(getpid())-1-agent0"), "a process's own names are never abandoned")
        #expect(!ProcessStat.ownerHasEnded(ofName: "spare-1"))
    }
}
