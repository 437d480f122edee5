import Foundation
import Glibc
import Testing

@testable import CorralAgent

/// Sandboxes and empty files made ahead of launches: taken by a rename that never replaces what
/// is there, recycled when a task is forgotten, and never left behind.
@Suite("File spares")
struct FileSparesTests {
    private func withSpares(_ body: (FileSpares, _ scratch: String) throws -> Void) rethrows {
        let scratch = NSTemporaryDirectory() + Fixture.uniqueName("corral-file-spares")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try body(FileSpares(directory: scratch + "/spares"), scratch)
    }

    private func entries(_ path: String) -> Set<String> { Set(SystemFile.entries(of: path)) }

    @Test("Nothing is ready before it is asked for; then a sandbox comes with its empty standard files, its parents made")
    func sandboxFromASpare() {
        withSpares { spares, scratch in
            #expect(!spares.sandbox(at: scratch + "/a/sandbox", for: nil))
            #expect(entries(scratch + "/spares").isEmpty)
            spares.replenish()
            #expect(entries(scratch + "/spares") == ["sandbox-1", "sandbox-2", "file-1", "file-2", "file-3", "file-4"])

            #expect(spares.sandbox(at: scratch + "/frameworks/f/tasks/t", for: nil))
            #expect(entries(scratch + "/frameworks/f/tasks/t") == ["stdout", "stderr"])
            #expect(Fixture.contents(scratch + "/frameworks/f/tasks/t/stdout").isEmpty)
            #expect(!entries(scratch + "/spares").contains("sandbox-2"))
        }
    }

    @Test("A sandbox or a file already there stays as it was, and the spare waits for the next launch")
    func nothingIsReplaced() throws {
        try withSpares { spares, scratch in
            spares.replenish()
            try FileManager.default.createDirectory(atPath: scratch + "/taken", withIntermediateDirectories: true)
            try Data("earlier run\n".utf8).write(to: URL(fileURLWithPath: scratch + "/taken/stdout"))
            try Data("a task's log\n".utf8).write(to: URL(fileURLWithPath: scratch + "/log"))

            #expect(!spares.sandbox(at: scratch + "/taken", for: nil))
            #expect(!spares.emptyFile(at: scratch + "/log"))
            #expect(Fixture.contents(scratch + "/taken/stdout") == "earlier run\n")
            #expect(Fixture.contents(scratch + "/log") == "a task's log\n")
            #expect(entries(scratch + "/spares").count == 6, "both spares were put back")
            #expect(spares.sandbox(at: scratch + "/free", for: nil) && spares.emptyFile(at: scratch + "/file"))
        }
    }

    @Test("A file whose directory is not there yet is not made: the spare waits for the next launch")
    func aMissingDirectory() {
        withSpares { spares, scratch in
            spares.replenish()
            #expect(!spares.emptyFile(at: scratch + "/containers/1-task"))
            #expect(entries(scratch + "/spares").filter { $0.hasPrefix("file-") }.count == 4)
        }
    }

    @Test(
        "A sandbox for a task user is that user's, files and all, and its time is the launch's, before it is in place; taken, it is not kept",
        .enabled(if: geteuid() == 0, "chown needs root"))
    func aSandboxForAUser() throws {
        let nobody = try #require(TaskUser.lookUp("nobody"))
        try withSpares { spares, scratch in
            spares.replenish()
            for spare in ["sandbox-1", "sandbox-2"] {
                var old = [timespec(tv_sec: 946_684_800, tv_nsec: 0), timespec(tv_sec: 946_684_800, tv_nsec: 0)]
                #expect(utimensat(AT_FDCWD, scratch + "/spares/" + spare, &old, 0) == 0)
            }
            #expect(spares.sandbox(at: scratch + "/tasks/t", for: nobody))
            for path in ["", "/stdout", "/stderr"] {
                var info = stat()
                #expect(stat(scratch + "/tasks/t" + path, &info) == 0 && info.st_uid == nobody.uid && info.st_gid == nobody.gid, "\(path)")
            }
            var info = stat()
            #expect(stat(scratch + "/tasks/t", &info) == 0 && Double(info.st_mtim.tv_sec) > Date().timeIntervalSince1970 - 3600)

            try FileManager.default.createDirectory(atPath: scratch + "/tasks/taken", withIntermediateDirectories: true)
            #expect(!spares.sandbox(at: scratch + "/tasks/taken", for: nobody))
            #expect(!entries(scratch + "/spares").contains { $0.hasPrefix("sandbox-") }, "another user's spare is removed, not put back")
        }
    }

    @Test(
        "Sandboxes on another filesystem than the spares: spare sandboxes are given up, files are not",
        .enabled(if: Self.onAnotherFilesystem != nil, "needs /dev/shm on another filesystem than the temporary directory"))
    func anotherFilesystem() throws {
        let elsewhere = try #require(Self.onAnotherFilesystem) + "/" + Fixture.uniqueName("corral-elsewhere")
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        withSpares { spares, scratch in
            spares.replenish()
            #expect(!spares.sandbox(at: elsewhere + "/tasks/t", for: nil))
            #expect(!entries(scratch + "/spares").contains { $0.hasPrefix("sandbox-") })
            spares.replenish()
            #expect(!entries(scratch + "/spares").contains { $0.hasPrefix("sandbox-") }, "none is made again")
            #expect(spares.emptyFile(at: scratch + "/log"))
        }
    }

    /// /dev/shm when it is on another filesystem than the temporary directory.
    static let onAnotherFilesystem: String? = {
        var temporary = stat()
        var shm = stat()
        guard stat(NSTemporaryDirectory(), &temporary) == 0, stat("/dev/shm", &shm) == 0, temporary.st_dev != shm.st_dev else { return nil }
        return "/dev/shm"
    }()

    @Test("A forgotten file is emptied and becomes a spare while there is room, and is removed once there is none")
    func recycling() throws {
        try withSpares { spares, scratch in
            for index in 1...9 { try Data("record \(index)\n".utf8).write(to: URL(fileURLWithPath: scratch + "/record-\(index)")) }
            for index in 1...9 { spares.recycle(scratch + "/record-\(index)") }
            #expect(entries(scratch + "/spares") == Set((1...8).map { "file-\($0)" }), "room for twice the four")
            #expect(!entries(scratch).contains { $0.hasPrefix("record-") })
            spares.replenish()
            #expect(entries(scratch + "/spares").filter { $0.hasPrefix("file-") }.count == 8, "enough were ready: none made")
            #expect(spares.emptyFile(at: scratch + "/reused"))
            #expect(Fixture.contents(scratch + "/reused").isEmpty)
        }
    }

    @Test("Closing removes every spare and their directory; spares a killed agent left go when the next one starts")
    func noSpareIsLeft() {
        withSpares { spares, scratch in
            spares.replenish()
            spares.close()
            #expect(!SystemFile.exists(scratch + "/spares"))
            spares.replenish()
            #expect(!SystemFile.exists(scratch + "/spares"), "none is made once closed")

            let killed = FileSpares(directory: scratch + "/spares")
            killed.replenish()
            _ = killed
            let next = FileSpares(directory: scratch + "/spares")
            #expect(entries(scratch + "/spares").isEmpty)
            next.close()
        }
    }

    @Test("A spare removed from under its pool is not tried again: the launch makes its own")
    func aVanishedSpare() {
        withSpares { spares, scratch in
            spares.replenish()
            CheckpointFile.removeTree(scratch + "/spares/sandbox-2")
            #expect(!spares.sandbox(at: scratch + "/one", for: nil))
            #expect(spares.sandbox(at: scratch + "/two", for: nil), "sandbox-1 is still there")
            #expect(!spares.sandbox(at: scratch + "/three", for: nil), "none is left")
        }
    }
}
