import CorralModel
import Foundation
import Testing

@testable import CorralJobs

/// The core on a manual clock: every time is passed in, so a test of a week takes no time.
@Suite struct JobsCoreTests {
    @Test func scheduledJobRunsOnTimeAndCountsItsSuccess() throws {
        var core = JobsCore()
        try core.put(job("tick", "date", schedule: "R/2025-11-25T10:00:00Z/PT15S"), now: t0)
        core.tick(now: t0 + 0.5)
        let first = core.launchQueued(now: t0 + 0.5)
        #expect(first.map(\.name) == ["tick"])
        core.finish(first[0], now: t0 + 1)
        #expect(core.history["tick"]?.successCount == 1)
        #expect(core.history["tick"]?.lastSuccess == t0 + 1)
        #expect(core.history["tick"]?.runs.first?.exitStatus == 0)

        core.tick(now: t0 + 10)
        #expect(!core.hasDueRuns)  // next at 10:00:15
        #expect(core.nextRun(of: "tick", now: t0 + 10) == t0 + 15)
        core.tick(now: t0 + 15)
        #expect(core.launchQueued(now: t0 + 15).count == 1)
    }

    /// A run whose agent stays unreachable (an agent that lost its identity never comes back
    /// under it) is given up after `unreachableLimit` and retried, instead of waiting weeks.
    @Test func aRunUnreachableForTooLongIsLostAndRetried() throws {
        var core = JobsCore()
        try core.put(job("report"), now: t0)
        try core.runNow("report", now: t0)
        let run = try #require(core.launchQueued(now: t0).first)
        core.update(TaskStatus(taskID: run.taskID, state: .unreachable, agentID: "agent-1"), now: t0 + 1)
        core.tick(now: t0 + JobsCore.unreachableLimit)
        #expect(core.runningTasks.map(\.taskID) == [run.taskID])
        core.tick(now: t0 + 1 + JobsCore.unreachableLimit)
        #expect(core.runningTasks.isEmpty)
        #expect(core.history["report"]?.runs.last?.state == .lost)
        #expect(core.pending.map(\.name) == ["report"])
    }

    @Test func emptyStartMeansWhenTheJobIsPutAndIsWrittenIntoIt() throws {
        var core = JobsCore()
        let stored = try core.put(job("now", schedule: "R5//PT1H"), now: t0 + 0.25)
        #expect(stored.schedule == "R5/2025-11-25T10:00:00.250Z/PT1H")
        core.tick(now: t0 + 0.5)
        #expect(core.pending.map(\.name) == ["now"])
    }

    @Test func taskIDsAndNamesCarryTheJobName() throws {
        var core = JobsCore()
        try core.put(job("report"), now: t0)
        try core.runNow("report", now: t0)
        try core.runNow("report", now: t0)
        var concurrent = core.jobs["report"]!
        concurrent.concurrent = true
        try core.put(concurrent, now: t0)
        let tasks = core.launchQueued(now: t0)
        #expect(tasks.map(\.name) == ["report", "report"])
        #expect(tasks.map(\.taskID.value) == ["ct:1764064800000:0:report", "ct:1764064800001:0:report"])
    }

    @Test func failedRunIsRetriedThenCountedOnceAsAnError() throws {
        var core = JobsCore()
        try core.put(job("flaky", "exit 3", schedule: "R1/2025-11-25T10:00:00Z/PT1M", retries: 2), now: t0)
        core.tick(now: t0)
        for attempt in 0..<3 {
            let task = try #require(core.launchQueued(now: t0 + Double(attempt)).first, "try \(attempt)")
            #expect(task.taskID.value.hasPrefix("ct:") && task.taskID.value.hasSuffix(":\(attempt):flaky"))
            core.finish(task, .failed, message: "Command exited with status 3", now: t0 + Double(attempt) + 0.5)
        }
        #expect(core.launchQueued(now: t0 + 5).isEmpty)  // no tries left
        let history = try #require(core.history["flaky"])
        #expect(history.errorCount == 1)
        #expect(history.errorsSinceLastSuccess == 1)
        #expect(history.lastError == t0 + 2.5)
        #expect(history.runs.map(\.state) == [.failed, .failed, .failed])
        #expect(history.runs.map(\.exitStatus) == [3, 3, 3])
        #expect(history.runs.map(\.attempt) == [0, 1, 2])
    }

    @Test func successOnARetryCountsAsOneSuccess() throws {
        var core = JobsCore()
        try core.put(job("wobbly", retries: 1), now: t0)
        try core.runNow("wobbly", now: t0)
        core.finish(try #require(core.launchQueued(now: t0).first), .lost, now: t0 + 1)
        core.finish(try #require(core.launchQueued(now: t0 + 1).first), now: t0 + 2)
        #expect(core.history["wobbly"]?.successCount == 1)
        #expect(core.history["wobbly"]?.errorCount == 0)
    }

    @Test func dependentJobRunsAfterItsParentSucceeds() throws {
        var core = JobsCore()
        try core.put(job("extract", schedule: "R1/2025-11-25T10:00:00Z/PT1M"), now: t0)
        try core.put(job("load", parents: ["extract"]), now: t0)
        core.tick(now: t0)
        let extract = try #require(core.launchQueued(now: t0).first)
        #expect(core.launchQueued(now: t0).isEmpty)
        #expect(core.nextRun(of: "load", now: t0) == nil)
        core.finish(extract, now: t0 + 1)
        #expect(core.launchQueued(now: t0 + 1).map(\.name) == ["load"])
    }

    @Test func dependentJobWaitsForEveryParentAndNotForAFailure() throws {
        var core = JobsCore()
        try core.put(job("a", retries: 0), now: t0)
        try core.put(job("b", retries: 0), now: t0)
        try core.put(job("both", parents: ["a", "b"]), now: t0)
        try core.runNow("a", now: t0)
        core.finish(try #require(core.launchQueued(now: t0).first), now: t0 + 1)
        #expect(core.pending.isEmpty)  // b never succeeded
        try core.runNow("b", now: t0 + 2)
        core.finish(try #require(core.launchQueued(now: t0 + 2).first), .failed, now: t0 + 3)
        #expect(core.pending.isEmpty)
        try core.runNow("b", now: t0 + 4)
        core.finish(try #require(core.launchQueued(now: t0 + 4).first), now: t0 + 5)
        #expect(core.pending.map(\.name) == ["both"])
    }

    @Test func aStartInThePastRunsOnceNowThenOnSchedule() throws {
        // The storm of the issue: every 5 s since 2020, with an epsilon of 30 minutes.
        var core = JobsCore()
        var old = job("old", schedule: "R/2020-01-01T00:00:00Z/PT5S")
        old.epsilon = ISODuration(minutes: 30)
        try core.put(old, now: t0)
        for tenth in 0..<60 { core.tick(now: t0 + 0.1 * Double(tenth)) }  // 6 seconds of ticks
        // One catch-up run at once (t0 is on a 5 s boundary, so it ran then), then 10:00:05.
        #expect(core.pending.count == 2)
        #expect(core.history["old"]?.runsSoFar == 2)
        #expect(core.nextRun(of: "old", now: t0 + 6) == t0 + 10)
    }

    @Test func missedRunsCollapseIntoOneAndUseOneRepetition() throws {
        var core = JobsCore()
        try core.put(job("five", schedule: "R5/2025-11-25T09:00:00Z/PT10M"), now: t0)
        core.tick(now: t0 + 1)  // six scheduled times have passed
        #expect(core.pending.count == 1)
        #expect(core.history["five"]?.runsSoFar == 1)
        #expect(core.nextRun(of: "five", now: t0 + 1) == t0 + 600)  // on schedule from now on
        for minute in stride(from: 10.0, through: 60, by: 10) { core.tick(now: t0 + minute * 60) }
        #expect(core.pending.count == 5)  // four more, then the repetitions have run out
        #expect(core.nextRun(of: "five", now: t0 + 3600) == nil)
    }

    @Test func aLateRunStillRunsWhateverItsEpsilon() throws {
        var core = JobsCore()
        var late = job("late", schedule: "R1/2025-11-25T10:00:00Z/PT1M")
        late.epsilon = ISODuration(seconds: 30)
        try core.put(late, now: t0)
        core.tick(now: t0 + 45)
        #expect(core.pending.map(\.name) == ["late"])
        core.tick(now: t0 + 100)
        #expect(core.pending.count == 1)
    }

    @Test func repetitionsLimitTheRuns() throws {
        var core = JobsCore()
        try core.put(job("twice", schedule: "R2/2025-11-25T10:00:00Z/PT10S"), now: t0)
        for second in stride(from: 0.0, through: 60, by: 1) { core.tick(now: t0 + second) }
        #expect(core.pending.count == 2)
        #expect(core.nextRun(of: "twice", now: t0 + 60) == nil)
    }

    @Test func aChangedScheduleCountsItsRepetitionsAfresh() throws {
        var core = JobsCore()
        try core.put(job("once", schedule: "R1/2025-11-25T10:00:00Z/PT10S"), now: t0)
        core.tick(now: t0)
        #expect(core.history["once"]?.runsSoFar == 1)
        try core.put(job("once", schedule: "R1/2025-11-25T10:01:00Z/PT10S"), now: t0 + 1)
        #expect(core.nextRun(of: "once", now: t0 + 1) == t0 + 60)
        try core.put(job("once", schedule: "R1/2025-11-25T10:01:00Z/PT10S"), now: t0 + 2)  // same schedule
        #expect(core.nextRun(of: "once", now: t0 + 2) == t0 + 60)
    }

    @Test func nonConcurrentJobWaitsWhileItsRunIsGoing() throws {
        var core = JobsCore()
        try core.put(job("slow", "sleep 30", schedule: "R/2025-11-25T10:00:00Z/PT10S"), now: t0)
        core.tick(now: t0)
        let first = try #require(core.launchQueued(now: t0).first)
        core.tick(now: t0 + 10)
        #expect(core.launchQueued(now: t0 + 10).isEmpty)
        #expect(!core.wantsOffers)  // nothing could launch: no point in offers
        #expect(core.summary(of: "slow", now: t0 + 10)?.state == .running)
        core.finish(first, now: t0 + 12)
        #expect(core.wantsOffers)
        #expect(core.launchQueued(now: t0 + 12).count == 1)
    }

    @Test func concurrentJobRunsAgainWhileItsRunIsGoing() throws {
        var core = JobsCore()
        var slow = job("slow", "sleep 30", schedule: "R/2025-11-25T10:00:00Z/PT10S")
        slow.concurrent = true
        try core.put(slow, now: t0)
        core.tick(now: t0)
        #expect(core.launchQueued(now: t0).count == 1)
        core.tick(now: t0 + 10)
        #expect(core.launchQueued(now: t0 + 10).count == 1)
        #expect(core.summary(of: "slow", now: t0 + 10)?.runningTasks.count == 2)
    }

    @Test func withoutShellTheCommandIsTheProgramAndArgumentsFollowIt() throws {
        var core = JobsCore()
        var direct = job("direct", "/bin/echo")
        direct.shell = false
        direct.arguments = ["hello", "world"]
        direct.environmentVariables = [EnvironmentVariable(name: "GREETING", value: "hi")]
        direct.owner = "ops@example.com"
        try core.put(direct, now: t0)
        try core.runNow("direct", now: t0)
        let command = try #require(core.launchQueued(now: t0).first?.command)
        #expect(command.shell == false)
        #expect(command.value == "/bin/echo")
        #expect(command.arguments == ["/bin/echo", "hello", "world"])
        #expect(command.environment.contains(EnvironmentVariable(name: "GREETING", value: "hi")))
        #expect(command.environment.contains(EnvironmentVariable(name: "CHRONOS_JOB_NAME", value: "direct")))
        #expect(command.environment.contains(EnvironmentVariable(name: "CHRONOS_JOB_OWNER", value: "ops@example.com")))
    }

    @Test func resourcesAreTheJobsAndDiskOnlyWhereAgentsOfferIt() throws {
        var core = JobsCore()
        var big = job("big")
        big.cpus = 1.5
        big.mem = 512
        big.disk = 100
        try core.put(big, now: t0)
        try core.runNow("big", now: t0)
        #expect(launched(core.offers([offer(1, cpus: 1)], now: t0)).isEmpty)  // too few cpus
        let onDiskless = try #require(launched(core.offers([offer(2)], now: t0)).first)
        #expect(onDiskless.resources == Resources([.scalar("cpus", 1.5), .scalar("mem", 512)]))
        try core.runNow("big", now: t0)
        core.finish(onDiskless, now: t0)
        let withDisk = try #require(launched(core.offers([offer(3, disk: 1000)], now: t0)).first)
        #expect(withDisk.resources.disk == 100)
    }

    @Test func constraintsPickTheAgent() throws {
        var core = JobsCore()
        var placed = job("placed")
        placed.constraints = [["rack", "LIKE", "r[12]"], ["hostname", "UNLIKE", "h9"]]
        try core.put(placed, now: t0)
        try core.runNow("placed", now: t0)
        let r3 = offer(1, hostname: "h1", attributes: [Attribute(name: "rack", value: .text("r3"))])
        let h9 = offer(2, hostname: "h9", attributes: [Attribute(name: "rack", value: .text("r1"))])
        let bare = offer(3, hostname: "h2")
        #expect(launched(core.offers([r3, h9, bare], now: t0)).isEmpty)
        let good = offer(4, hostname: "h2", attributes: [Attribute(name: "rack", value: .text("r2"))])
        #expect(launched(core.offers([good], now: t0)).first?.agentID == "a-h2")
    }

    @Test func disabledJobSkipsItsScheduleButRunsByHand() throws {
        var core = JobsCore()
        var off = job("off", schedule: "R/2025-11-25T10:00:00Z/PT10S")
        off.disabled = true
        try core.put(off, now: t0)
        core.tick(now: t0 + 1)
        #expect(!core.hasDueRuns)
        #expect(core.nextRun(of: "off", now: t0) == nil)
        try core.runNow("off", now: t0 + 2)
        #expect(core.launchQueued(now: t0 + 2).count == 1)
    }

    @Test func killKillsRunningTasksDropsQueuedRunsAndDoesNotRetry() throws {
        var core = JobsCore()
        var job = job("stuck", "sleep 600", retries: 3)
        job.concurrent = true
        try core.put(job, now: t0)
        try core.runNow("stuck", now: t0)
        let running = try #require(core.launchQueued(now: t0).first)
        try core.runNow("stuck", now: t0 + 1)
        let kills = try core.kill("stuck", now: t0 + 1)
        #expect(kills == [.kill(running.taskID, AgentID("a-h1"))])
        #expect(core.pending.isEmpty)
        core.finish(running, .killed, now: t0 + 2)
        #expect(core.pending.isEmpty)
        #expect(core.history["stuck"]?.errorCount == 1)
        #expect(throws: JobsError.unknownJob("nope")) { try core.kill("nope", now: t0) }
    }

    @Test func removeKillsTasksForgetsTheJobAndItsChildrenLoseTheParent() throws {
        var core = JobsCore()
        try core.put(job("parent", "sleep 600"), now: t0)
        try core.put(job("child", parents: ["parent"]), now: t0)
        try core.runNow("parent", now: t0)
        let task = try #require(core.launchQueued(now: t0).first)
        #expect(killed(try core.remove("parent")) == [task.taskID])
        #expect(core.jobs["parent"] == nil && core.history["parent"] == nil)
        #expect(core.jobs["child"]?.parents == [])
        #expect(core.graph.parents["child"] == [])
        core.finish(task, .killed, now: t0 + 1)  // a late status of a deleted job changes nothing
        #expect(core.history["parent"] == nil)
        #expect(throws: JobsError.unknownJob("parent")) { try core.remove("parent") }
        #expect(throws: JobsError.unknownJob("parent")) { try core.runNow("parent", now: t0) }
        try core.put(job("parent", "sleep 600"), now: t0 + 2)  // a new job of that name is not held back
        try core.runNow("parent", now: t0 + 2)
        #expect(core.wantsOffers)
    }

    @Test func summariesSayStateNextRunAndLastResult() throws {
        var core = JobsCore()
        try core.put(job("a", schedule: "R/2025-11-25T10:00:00Z/PT1M"), now: t0)
        try core.put(job("b", parents: ["a"]), now: t0)
        #expect(core.summary(of: "a", now: t0 + -10)?.nextRun == t0)
        #expect(core.summary(of: "a", now: t0 + -10)?.lastResult == .fresh)
        core.tick(now: t0)
        #expect(core.summary(of: "a", now: t0)?.state == .queued)
        #expect(core.graphCSV(now: t0) == "node,a,fresh,queued\nnode,b,fresh,idle\nlink,a,b\n")
        let task = try #require(core.launchQueued(now: t0).first)
        #expect(core.summary(of: "a", now: t0)?.state == .running)
        core.finish(task, .failed, now: t0 + 1)
        core.finish(try #require(core.launchQueued(now: t0 + 1).first), now: t0 + 2)
        let a = try #require(core.summaries(now: t0 + 2).first)
        #expect(a.name == "a" && a.lastResult == .success && a.nextRun == t0 + 60)
        #expect(a.latestRun?.state == .finished)
        #expect(core.summaries(now: t0).map(\.name) == ["a", "b"])
    }

    @Test func restoredCoreHasTheSameStateAndFollowsItsRunningTasks() throws {
        var core = JobsCore()
        try core.put(job("a", "sleep 1", schedule: "R/2025-11-25T10:00:00Z/PT10S"), now: t0)
        try core.put(job("b", parents: ["a"]), now: t0)
        try core.put(job("c", parents: ["b", "a"]), now: t0)
        core.tick(now: t0)
        let task = try #require(core.launchQueued(now: t0).first)
        try core.runNow("c", now: t0)

        var restored = JobsCore(restoring: core.state)
        #expect(restored.state == core.state)
        #expect(restored.graph == core.graph)
        #expect(restored.runningTasks == [ReconcileTask(taskID: task.taskID, agentID: "a-h1")])
        restored.finish(task, now: t0 + 1)
        #expect(restored.history["a"]?.successCount == 1)
        #expect(restored.pending.map(\.name) == ["c", "b"])
        restored.tick(now: t0 + 10)
        #expect(restored.pending.map(\.name) == ["c", "b", "a"])
        // New task IDs stay unique after a restart even when the clock says otherwise.
        let next = restored.launchQueued(now: t0)
        #expect(!next.contains { $0.taskID == task.taskID })
    }

    @Test func reconciliationOfATaskTheMasterForgotEndsTheRun() throws {
        var core = JobsCore()
        try core.put(job("gone", retries: 0), now: t0)
        try core.runNow("gone", now: t0)
        let task = try #require(core.launchQueued(now: t0).first)
        core.update(TaskStatus(taskID: task.taskID, state: .unknown, reason: .reconciliation), now: t0 + 1)
        #expect(core.history["gone"]?.runs.last?.state == .lost)
        #expect(core.history["gone"]?.errorCount == 1)
        #expect(core.runningTasks.isEmpty)
    }
}

/// What the console's "why" reads of a job: why a due run waits (the last offer's shortfall, or
/// a run still going) and which parents a dependent job still waits for.
@Suite struct JobsWaitingTests {
    @Test func aQueuedRunSaysWhatTheLastOfferLackedAndADependentJobItsParents() throws {
        var core = JobsCore()
        var big = job("big")
        big.cpus = 4
        try core.put(big, now: t0)
        try core.put(job("parent"), now: t0)
        try core.put(job("child", parents: ["parent"]), now: t0)
        try core.runNow("big", now: t0)
        _ = core.offers([offer(1, hostname: "node-1", cpus: 1)], now: ClusterInstant(t0 + 1))
        let waiting = try #require(core.summary(of: "big", now: ClusterInstant(t0 + 1)))
        #expect(waiting.queuedRuns == 1)
        #expect(waiting.waitingReason?.hasPrefix("node-1 is short of 3 cpus: a run needs cpus:4") == true, "\(String(describing: waiting.waitingReason))")
        #expect(core.summary(of: "child", now: ClusterInstant(t0 + 1))?.parentsPending == ["parent"])

        try core.runNow("parent", now: t0 + 2)
        let parentRun = try #require(core.launchQueued(now: t0 + 2, offerNumber: 2).first { $0.name.contains("parent") })
        core.finish(parentRun, now: t0 + 3)
        // The parent's success queued the child: it waits for resources now, not for its parent.
        let child = try #require(core.summary(of: "child", now: ClusterInstant(t0 + 3)))
        #expect(child.parentsPending.isEmpty && child.queuedRuns == 1)
    }
}
