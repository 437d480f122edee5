import CorralCluster
import CorralJobs
import CorralModel
import CorralTesting
import Foundation
import Logging
import Testing

/// Jobs as a framework on a real in-process cluster: its runs are `/bin/sh` tasks.
@Suite(.timeLimit(.minutes(2))) struct JobsClusterTests {
    @Test func scheduledJobRunsEverySecondAndCountsSuccesses() async throws {
        try await JobsCluster.run { cluster, jobs async throws in
            try await jobs.put(JobDefinition(name: "tick", command: "echo tick", schedule: "R//PT1S"))
            #expect(await eventually { await (try? jobs.job("tick"))?.history.successCount ?? 0 >= 2 })
            let summary = try await jobs.job("tick")
            #expect(summary.history.lastSuccess != nil && summary.history.errorCount == 0)
            #expect(summary.history.runs.allSatisfy { $0.taskID.value.hasSuffix(":tick") })
        }
    }

    @Test func dependentJobRunsAfterItsParentSucceeded() async throws {
        try await JobsCluster.run { cluster, jobs async throws in
            try await jobs.put(JobDefinition(name: "extract", command: "sleep 0.2", schedule: "R1//PT1M"))
            try await jobs.put(JobDefinition(name: "load", command: "true", parents: ["extract"]))
            #expect(await eventually { await (try? jobs.job("load"))?.history.successCount == 1 })
            let parent = try await jobs.job("extract").history
            let child = try await jobs.job("load").history
            #expect(parent.successCount == 1)
            let childStart = try #require(child.runs.first?.startedAt)
            #expect(childStart >= (try #require(parent.lastSuccess)))
        }
    }

    @Test func failingJobIsRetriedThenCountedAsAnError() async throws {
        try await JobsCluster.run { cluster, jobs async throws in
            try await jobs.put(JobDefinition(name: "flaky", command: "exit 3", schedule: "R1//PT1M", retries: 2))
            #expect(await eventually { await (try? jobs.job("flaky"))?.history.errorCount == 1 })
            let history = try await jobs.job("flaky").history
            #expect(history.runs.map(\.state) == [.failed, .failed, .failed])
            #expect(history.runs.map(\.exitStatus) == [3, 3, 3])
            #expect(history.successCount == 0 && history.lastError != nil)
        }
    }

    @Test func anAsyncJobsRunEndsWithItsReportOnTheTaskItsTaskWasTold() async throws {
        try await JobsCluster.run { cluster, jobs async throws in
            var job = JobDefinition(name: "export", command: #"echo "$mesos_task_id""#, schedule: "R1//PT1M")
            job.async = true
            try await jobs.put(job)
            #expect(await eventually { await (try? jobs.job("export"))?.latestRun?.state == .finished })
            let run = try #require(try await jobs.job("export").latestRun)
            #expect(try await jobs.job("export").state == .running, "a finished task of an async job leaves its run open")
            let frameworkID = try #require(await jobs.frameworkID)
            let agentID = try #require(run.agentID)
            let sandbox = try #require(await cluster.sandbox(of: TaskKey(frameworkID, run.taskID), on: agentID))
            let output = try String(contentsOfFile: sandbox.stdoutPath, encoding: .utf8)
            #expect(output.contains(run.taskID.value), "the task was not told its ID in mesos_task_id")
            try await jobs.report(run.taskID, statusCode: 0)
            let summary = try await jobs.job("export")
            #expect(summary.history.successCount == 1 && summary.state == .idle)
        }
    }

    @Test func killEndsARunningJob() async throws {
        try await JobsCluster.run { cluster, jobs async throws in
            try await jobs.put(JobDefinition(name: "stuck", command: "sleep 600", schedule: "R1//PT1M"))
            #expect(await eventually { await (try? jobs.job("stuck"))?.latestRun?.state == .running })
            try await jobs.kill("stuck")
            #expect(await eventually { await (try? jobs.job("stuck"))?.latestRun?.state == .killed })
            let summary1 = try await jobs.job("stuck")
            #expect(summary1.history.errorCount == 1)
            let summary2 = try await jobs.job("stuck")
            #expect(summary2.state == .idle)
        }
    }

    @Test func restartedFrameworkKeepsItsIDJobsAndHistory() async throws {
        let directory = "/tmp/corral-tests/jobs-restart-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await JobsCluster.withCluster { cluster in
            let (firstID, successes) = try await JobsCluster.withFramework(on: cluster, workDirectory: directory) { jobs in
                try await jobs.put(JobDefinition(name: "tick", command: "true", schedule: "R//PT1S"))
                try await jobs.put(JobDefinition(name: "after", command: "true", parents: ["tick"]))
                #expect(await eventually { await (try? jobs.job("after"))?.history.successCount ?? 0 >= 1 })
                return (await jobs.frameworkID, try await jobs.job("tick").history.successCount)
            }
            try await JobsCluster.withFramework(on: cluster, workDirectory: directory) { (jobs: JobsFramework) async throws -> Void in
                #expect(await jobs.frameworkID == firstID)
                #expect(await jobs.jobs().map(\.name) == ["after", "tick"])
                let summary3 = try await jobs.job("tick")
                #expect(summary3.history.successCount >= successes)
                let summary4 = try await jobs.job("after")
                #expect(summary4.definition.parents == ["tick"])
                #expect(await eventually { await (try? jobs.job("tick"))?.history.successCount ?? 0 > successes })
                let frameworks = await cluster.master.snapshot().frameworks.filter { $0.info.name == "jobs" }
                #expect(frameworks.count == 1)
            }
        }
    }
}

/// An embedded cluster with Jobs subscribed to it.
enum JobsCluster {
    static func run(_ body: @Sendable (EmbeddedCluster, JobsFramework) async throws -> Void) async throws {
        try await withCluster { cluster in
            try await withFramework(on: cluster, workDirectory: nil) { jobs in try await body(cluster, jobs) }
        }
    }

    static func withCluster(_ body: @Sendable (EmbeddedCluster) async throws -> Void) async throws {
        var configuration = EmbeddedCluster.Configuration(workDirectory: "/tmp/corral-tests/jobs-\(UInt64.random(in: 0...UInt64.max))")
        defer { try? FileManager.default.removeItem(atPath: configuration.workDirectory) }
        configuration.agentCount = 1
        configuration.agentResources = try Resources(parsing: "cpus:4;mem:2048")
        configuration.master.allocationInterval = .milliseconds(200)
        let cluster = try EmbeddedCluster(configuration: configuration, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await cluster.running(body)
    }

    /// Runs Jobs (with a store in `workDirectory`, or in memory) until `body` returns, then stops
    /// it without a teardown, as a restart would.
    @discardableResult
    static func withFramework<T: Sendable>(
        on cluster: EmbeddedCluster, workDirectory: String?, _ body: @Sendable (JobsFramework) async throws -> T
    ) async throws -> T {
        let store = try workDirectory.map { try JobsStore(workDirectory: $0) } ?? JobsStore(path: nil)
        let jobs = try JobsFramework(store: store, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await jobs.run(transport: cluster.transport) }
            #expect(await eventually { await jobs.isSubscribed }, "Jobs did not subscribe")
            let result = try await body(jobs)
            await jobs.stop()
            group.cancelAll()
            return result
        }
    }
}
