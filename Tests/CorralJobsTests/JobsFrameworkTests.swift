import Foundation
import CorralJobs
import CorralModel
import CorralTesting
import Logging
import Testing

/// The framework's own API on a manual clock, with no master: what the REST layer and the
/// console call, and what survives a restart.
@Suite struct JobsFrameworkTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func framework(_ store: JobsStore, _ clock: ManualClock) -> JobsFramework {
        try! JobsFramework(store: store, clock: clock, logger: quiet)
    }

    @Test func scheduleComesDueOnTheInjectedClockAndSurvivesARestart() async throws {
        let directory = "/tmp/corral-tests/jobs-framework-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock(now: Time(seconds: 1_764_064_800))  // 2025-11-25T10:00:00Z
        do {
            let jobs = Self.framework(try JobsStore(workDirectory: directory), clock)
            let stored = try await jobs.put(JobDefinition(name: "tick", command: "true", schedule: "R//PT10S"))
            #expect(stored.schedule == "R/2025-11-25T10:00:00.000Z/PT10S")
            try await jobs.put(JobDefinition(name: "after", command: "true", parents: ["tick"]))
            let summary1 = try await jobs.job("tick")
            #expect(summary1.state == .queued)  // due at once: start is now
            let summary2 = try await jobs.job("tick")
            #expect(summary2.nextRun == clock.now.wall + 10)
            clock.advance(by: .seconds(10))
            await jobs.tick()
            let summary3 = try await jobs.job("tick")
            #expect(summary3.queuedRuns == 2)
            #expect(await jobs.graphCSV() == "node,after,fresh,idle\nnode,tick,fresh,queued\nlink,tick,after\n")
        }
        let restarted = Self.framework(try JobsStore(workDirectory: directory), clock)
        #expect(await restarted.jobs().map(\.name) == ["after", "tick"])
        let summary4 = try await restarted.job("tick")
        #expect(summary4.queuedRuns == 2)
        try await restarted.kill("tick")
        let summary5 = try await restarted.job("tick")
        #expect(summary5.state == .idle)
        try await restarted.delete("after")
        let again = Self.framework(try JobsStore(workDirectory: directory), clock)
        #expect(await again.jobs().map(\.name) == ["tick"])
    }

    @Test func refusedChangesThrowAndLeaveNothingBehind() async throws {
        let store = try JobsStore(path: nil)
        let jobs = Self.framework(store, ManualClock())
        await #expect(throws: JobsError.invalidJob("x", problem: "parent 'ghost' is not a known job")) {
            try await jobs.put(JobDefinition(name: "x", command: "true", parents: ["ghost"]))
        }
        await #expect(throws: JobsError.unknownJob("ghost")) { try await jobs.runNow("ghost") }
        await #expect(throws: JobsError.unknownJob("ghost")) { try await jobs.kill("ghost") }
        await #expect(throws: JobsError.unknownJob("ghost")) { try await jobs.delete("ghost") }
        await #expect(throws: JobsError.unknownJob("ghost")) { try await jobs.job("ghost") }
        #expect(await jobs.jobs().isEmpty)
        #expect(try store.load() == JobsState())
    }

    @Test func registersAsJobsWithAWeekOfFailoverAndItsStoredID() async throws {
        let store = try JobsStore(path: nil)
        #expect(await Self.framework(store, ManualClock()).frameworkInfo.id == nil)
        try store.setFrameworkID("f-1")
        let info = await Self.framework(store, ManualClock()).frameworkInfo
        #expect(info.name == "jobs" && info.roles == ["*"] && info.id == "f-1")
        #expect(info.failoverTimeout == 7 * 24 * 3600)
    }
}
