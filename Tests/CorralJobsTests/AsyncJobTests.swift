import CorralModel
import CorralSDK
import Testing

@testable import CorralJobs

/// An `async` job's run ends with the job's report (Chronos's `PUT /v1/scheduler/task/<id>`),
/// not with its task: Chronos 2's asynchronous jobs.
@Suite struct AsyncJobTests {
    static func asyncJob(_ name: String, retries: Int = 0, concurrent: Bool = false) -> JobDefinition {
        var definition = job(name, "start-elsewhere", retries: retries)
        definition.async = true
        definition.concurrent = concurrent
        return definition
    }

    /// An async job "export" put, run by hand and launched at t0: its task.
    static func launchedExport(_ core: inout JobsCore, retries: Int = 0) throws -> TaskInfo {
        try core.put(asyncJob("export", retries: retries), now: t0)
        try core.runNow("export", now: t0)
        return try #require(core.launchQueued(now: t0).first)
    }

    @Test func aFinishedTaskLeavesTheRunOpenUntilTheJobReportsSuccess() throws {
        var core = JobsCore()
        try core.put(Self.asyncJob("export"), now: t0)
        try core.put(job("load", parents: ["export"]), now: t0)
        try core.runNow("export", now: t0)
        let task = try #require(core.launchQueued(now: t0).first)
        #expect(task.command?.environment.contains(EnvironmentVariable(name: "mesos_task_id", value: task.taskID.value)) == true)
        core.finish(task, now: t0 + 5)
        #expect(core.history["export"]?.successCount == 0, "the task's end is not the run's")
        #expect(core.summary(of: "export", now: t0 + 5)?.state == .running)
        try core.runNow("export", now: t0 + 6)
        #expect(core.launchQueued(now: t0 + 6).isEmpty, "a job that is not concurrent waits for the open run")
        #expect(core.pending.map(\.name) == ["export"])

        #expect(RunTimeStatistics(try #require(core.history["export"])).count == 0, "a run awaiting its report has not succeeded yet")
        try core.report(task.taskID, statusCode: 0, now: t0 + 60)
        #expect(core.history["export"]?.successCount == 1)
        #expect(RunTimeStatistics(try #require(core.history["export"])).durations == [5], "its task's time")
        #expect(core.history["export"]?.lastSuccess == t0 + 60)
        #expect(core.pending.map(\.name) == ["export", "load"], "the success woke the child")
        #expect(throws: JobsError.reportNotAwaited(task.taskID, job: "export")) { try core.report(task.taskID, statusCode: 0, now: t0 + 61) }
    }

    @Test func aReportOfFailureIsRetriedWhileTriesAreLeftThenCounted() throws {
        var core = JobsCore()
        let first = try Self.launchedExport(&core, retries: 1)
        core.finish(first, now: t0 + 1)
        try core.report(first.taskID, statusCode: 3, now: t0 + 2)
        #expect(core.history["export"]?.errorCount == 0)
        let retry = try #require(core.launchQueued(now: t0 + 3).first)
        #expect(retry.taskID.value.hasPrefix("ct:") && retry.taskID.value.contains(":1:export"))
        try core.report(retry.taskID, statusCode: 1, now: t0 + 4)  // before its task ends
        #expect(core.history["export"]?.errorCount == 1)
        core.finish(retry, now: t0 + 5)
        #expect(core.history["export"]?.successCount == 0, "the task's end after the report changes nothing")
        #expect(core.summary(of: "export", now: t0 + 5)?.state == .idle)
    }

    @Test func aTaskThatFailsBeforeTheReportEndsTheRunAsAFailure() throws {
        var core = JobsCore()
        let task = try Self.launchedExport(&core)
        core.finish(task, .failed, message: "Command exited with status 2", now: t0 + 1)
        #expect(core.history["export"]?.errorCount == 1)
        #expect(throws: JobsError.reportNotAwaited(task.taskID, job: "export")) { try core.report(task.taskID, statusCode: 0, now: t0 + 2) }
        #expect(throws: JobsError.unknownTask(TaskID("ct:1:0:nobody"))) { try core.report(TaskID("ct:1:0:nobody"), statusCode: 0, now: t0 + 2) }
    }

    @Test func reportsOfJobsThatAreNotAsyncAreRefused() throws {
        var core = JobsCore()
        try core.put(job("plain"), now: t0)
        try core.runNow("plain", now: t0)
        let task = try #require(core.launchQueued(now: t0).first)
        #expect(throws: JobsError.reportNotAwaited(task.taskID, job: "plain")) { try core.report(task.taskID, statusCode: 0, now: t0 + 1) }
        core.finish(task, now: t0 + 1)
        #expect(core.history["plain"]?.successCount == 1)
    }

    @Test func killStopsWaitingForReportsSoTheJobCanRunAgain() throws {
        var core = JobsCore()
        let task = try Self.launchedExport(&core, retries: 2)
        core.finish(task, now: t0 + 1)
        #expect(try core.kill("export", now: t0 + 2).isEmpty, "its task is over: nothing to kill on the cluster")
        #expect(core.history["export"]?.errorCount == 1, "an abandoned run counts as killed, and is not retried")
        #expect(core.pending.isEmpty)
        try core.runNow("export", now: t0 + 3)
        #expect(core.launchQueued(now: t0 + 3).count == 1)
    }

    @Test func anAwaitedReportSurvivesARestart() throws {
        let store = try JobsStore(path: nil)
        var core = JobsCore()
        let task = try Self.launchedExport(&core)
        core.finish(task, now: t0 + 1)
        try store.save(core.state)
        var restored = JobsCore(restoring: try store.load())
        #expect(restored.history["export"]?.runs.last?.report == .awaited)
        try restored.runNow("export", now: t0 + 2)
        #expect(restored.launchQueued(now: t0 + 2).isEmpty, "the restored run is still open")
        try restored.report(task.taskID, statusCode: 0, now: t0 + 3)
        try store.save(restored.state)
        #expect(try store.load().history["export"]?.runs.first?.report == .received(statusCode: 0))
    }
}
