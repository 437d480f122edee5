import CorralModel
import Foundation
import Testing

@testable import CorralAgent

/// Sandboxes of ended tasks go `--gc-delay` after their last change; those of tasks the agent
/// still tracks stay, and a fuller disk shortens the delay as Mesos's headroom rule does.
@Suite struct SandboxCollectorTests {
    @Test func endedSandboxesOlderThanTheDelayGoAndLiveOrRecentOnesStay() throws {
        let work = NSTemporaryDirectory() + Fixture.uniqueName("corral-gc")
        defer { try? FileManager.default.removeItem(atPath: work) }
        func sandbox(_ task: TaskID) throws -> String {
            let path = Sandbox(workDirectory: work, agentID: "S1", frameworkID: "F1", taskID: task).directory
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path + "/stdout", contents: Data("x".utf8))
            return path
        }
        let old = try sandbox("old"), live = try sandbox("live"), recent = try sandbox("recent")
        let now = Date().timeIntervalSince1970
        // "recent" ended later: its output last changed 50 minutes from now.
        for path in [recent, recent + "/stdout"] {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: now + 3000)], ofItemAtPath: path)
        }
        let collector = SandboxCollector(workDirectory: work, delay: 3600)

        // An hour and a bit later, on an empty disk: the ended one goes, the live one stays.
        let removed = collector.collect(live: [TaskKey("F1", "live")], now: now + 3600 * 1.2, usedFraction: 0)
        #expect(removed == [old])
        #expect(!FileManager.default.fileExists(atPath: old))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(FileManager.default.fileExists(atPath: recent))

        // On a disk 85% full the delay is a twentieth: minutes, not an hour.
        #expect(abs(collector.effectiveDelay(usedFraction: 0.85) - 180) < 0.001)
        #expect(collector.effectiveDelay(usedFraction: 0.95) == 0)
    }
}
