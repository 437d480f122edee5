import CorralModel
import CorralSDK
import CorralTesting
import Logging
import Testing

@testable import CorralJobs

/// Jobs says when its next run comes due, and its framework sleeps until then on its clock
/// instead of waking every second.
@Suite(.timeLimit(.minutes(1))) struct JobsDeadlineTests {
    /// t0 on a clock whose monotonic reading has nothing to do with the wall's.
    let now = ClusterInstant(offset: .seconds(42), wall: t0)

    @Test func aScheduledJobIsDueAtItsNextRun() throws {
        var core = JobsCore()
        try core.put(job("later", schedule: "R/2025-11-25T10:10:00Z/PT1H"), now: now)
        #expect(core.nextDeadline(now: now) == now.advanced(by: .seconds(600)))
        core.tick(now: now + .seconds(600))
        #expect(core.pending.map(\.name) == ["later"])
        #expect(core.nextDeadline(now: now.advanced(by: .seconds(600))) == now.advanced(by: .seconds(4200)))
    }

    @Test func jobsRunByHandOrDisabledHaveNoDeadline() throws {
        var core = JobsCore()
        try core.put(job("parent", schedule: "R/2025-11-25T10:10:00Z/PT1H"), now: now)
        try core.put(job("child", parents: ["parent"]), now: now)
        var disabled = job("off", schedule: "R/2025-11-25T10:05:00Z/PT1H")
        disabled.disabled = true
        try core.put(disabled, now: now)
        #expect(core.nextDeadline(now: now) == now.advanced(by: .seconds(600)))
        #expect(JobsCore().nextDeadline(now: now) == nil)
    }

    @Test func aRunOnAnUnreachableAgentIsDueToBeGivenUp() throws {
        var core = JobsCore()
        try core.put(job("once"), now: now)
        try core.runNow("once", now: now)
        let task = try #require(launched(core.offers([offer(1)], now: now)).first)
        // The wall clock is set back a day as the agent drops out: the run is still given up
        // `unreachableLimit` after, by the monotonic clock.
        let unreachable = ClusterInstant(offset: now.offset + .seconds(5), wall: t0 + (5 - 86_400))
        core.update(TaskStatus(taskID: task.taskID, state: .unreachable), now: unreachable)
        #expect(core.nextDeadline(now: unreachable) == unreachable + JobsCore.unreachableLimit)
    }

    /// No tick: the framework's timer queues the run when its time comes.
    @Test func theFrameworkWakesAtTheNextRunOnItsClock() async throws {
        let master = ScriptedMaster()
        let clock = ManualClock(now: t0)
        let jobs = try JobsFramework(store: JobsStore(path: nil), clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await jobs.run(transport: master) }
        defer { running.cancel() }
        #expect(await eventually { await jobs.isSubscribed })
        try await jobs.put(JobDefinition(name: "later", command: "true", schedule: "R/2025-11-25T10:10:00Z/PT1H", disk: 0))
        #expect(try await jobs.job("later").state == .idle)

        #expect(await clock.advanceUntilSettled(by: .seconds(599)))
        #expect(try await jobs.job("later").state == .idle)
        clock.advance(by: .seconds(1))
        #expect(await eventually { (try? await jobs.job("later").state) == .queued })
    }
}
