import CorralMesosJSON
import CorralModel
import Foundation
import Testing

@testable import CorralJobs

/// The SQLite store keeps what Jobs knows across a restart.
@Suite struct JobsStoreTests {
    static func directory() -> String { "/tmp/corral-tests/jobs-store-\(UInt64.random(in: 0...UInt64.max))" }

    /// A core with a scheduled job, a dependent one, ended and running runs, and a queued run.
    static func busyCore() throws -> JobsCore {
        var core = JobsCore()
        var nightly = job("nightly", "backup.sh", schedule: "R/2025-11-25T10:00:00Z/PT10S", retries: 1)
        nightly.environmentVariables = [EnvironmentVariable(name: "TARGET", value: "s3")]
        nightly.otherFields = MesosJSONObject([.init(key: "highPriority", value: .bool(true))])
        try core.put(nightly, now: t0)
        try core.put(job("report", parents: ["nightly"]), now: t0)
        core.tick(now: t0)
        let first = try #require(core.launchQueued(now: t0).first)
        core.finish(first, .failed, message: "Command exited with status 2", now: t0 + 1)
        core.finish(try #require(core.launchQueued(now: t0 + 1).first), now: t0 + 2)
        _ = core.launchQueued(now: t0 + 2)  // report runs, still going
        try core.runNow("nightly", now: t0 + 3)
        return core
    }

    @Test func reopenedStoreHasTheSameJobsHistoryQueueAndFrameworkID() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let core = try Self.busyCore()
        do {
            let store = try JobsStore(workDirectory: directory)
            try store.save(core.state)
            try store.setFrameworkID("jobs-framework-1")
        }
        #expect(FileManager.default.fileExists(atPath: directory + "/jobs.sqlite"))
        let reopened = try JobsStore(workDirectory: directory)
        let state = try reopened.load()
        #expect(state == core.state)
        #expect(state.history["nightly"]?.runs.map(\.exitStatus) == [2, 0])
        #expect(state.history["report"]?.runs.map(\.state) == [.staging])
        #expect(state.pending.map(\.name) == ["nightly"])
        #expect(reopened.frameworkID == "jobs-framework-1")
        #expect(JobsCore(restoring: state).state == core.state)
    }

    @Test func savingWritesChangesAndDeletions() throws {
        let directory = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var core = try Self.busyCore()
        let store = try JobsStore(workDirectory: directory)
        try store.save(core.state)
        _ = try core.remove("report")
        try core.put(job("fresh", schedule: "R//PT1H"), now: t0 + 5)
        core.tick(now: t0 + 10)
        try store.save(core.state)
        try store.save(core.state)  // nothing changed: nothing written
        #expect(try JobsStore(workDirectory: directory).load() == core.state)
        #expect(try JobsStore(workDirectory: directory).frameworkID == nil)
    }

    @Test func inMemoryStoreStartsEmpty() throws {
        let store = try JobsStore(path: nil)
        #expect(try store.load() == JobsState())
    }
}
