import Foundation
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
            #expect(!spares.sandbox(at: scratch + "/a/sandbox"))
            #expect(entries(scratch + "/spares").isEmpty)
            spares.replenish()
            #expect(entries(scratch + "/spares") == ["sandbox-1", "sandbox-2", "file-1", "file-2", "file-3", "file-4"])

            #expect(spares.sandbox(at: scratch + "/frameworks/f/tasks/t"))
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

            #expect(!spares.sandbox(at: scratch + "/taken"))
            #expect(!spares.emptyFile(at: scratch + "/log"))
            #expect(Fixture.contents(scratch + "/taken/stdout") == "earlier run\n")
            #expect(Fixture.contents(scratch + "/log") == "a task's log\n")
            #expect(entries(scratch + "/spares").count == 6, "both spares were put back")
            #expect(spares.sandbox(at: scratch + "/free") && spares.emptyFile(at: scratch + "/file"))
        }
    }

    @Test("A forgotten file is emptied and becomes a spare while there is room, and is removed once there is none")
    func recycling() throws {
        try withSpares { spares, scratch in
            for index in 1...5 { try Data("record \(index)\n".utf8).write(to: URL(fileURLWithPath: scratch + "/record-\(index)")) }
            for index in 1...5 { spares.recycle(scratch + "/record-\(index)") }
            #expect(entries(scratch + "/spares") == ["file-1", "file-2", "file-3", "file-4"])
            #expect(!entries(scratch).contains { $0.hasPrefix("record-") })
            spares.replenish()
            #expect(entries(scratch + "/spares").filter { $0.hasPrefix("file-") }.count == 4, "the pool was full already")
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
            #expect(!spares.sandbox(at: scratch + "/one"))
            #expect(spares.sandbox(at: scratch + "/two"), "sandbox-1 is still there")
            #expect(!spares.sandbox(at: scratch + "/three"), "none is left")
        }
    }
}
