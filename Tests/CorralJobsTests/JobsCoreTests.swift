import CorralModel
import Foundation
import Testing

@testable import CorralJobs

@Suite struct JobsCoreTests {
    let start = Time(seconds: 1_764_064_800)  // 2025-11-25T10:00:00Z

    func offer(_ number: Int) -> Offer {
        Offer(id: OfferID("o\(number)"), frameworkID: "jobs", agentID: "a1", hostname: "h1", role: "*",
              resources: Resources([.scalar("cpus", 2), .scalar("mem", 2048)]).allocated(to: "*"))
    }

    func schedule(_ text: String) throws -> RepeatingSchedule {
        try RepeatingSchedule(parsing: text, now: Date(timeIntervalSince1970: start.seconds))
    }

    func launched(_ actions: [JobsAction]) -> [TaskInfo] {
        var tasks: [TaskInfo] = []
        for case .launch(_, let launched) in actions { tasks += launched }
        return tasks
    }

    @Test func scheduledJobRunsOnTimeAndCountsResults() throws {
        var core = JobsCore()
        try core.put(JobDefinition(name: "tick", command: "date", schedule: try schedule("R/2025-11-25T10:00:00Z/PT15S")))
        core.tick(now: start + 0.5)
        let first = launched(core.offers([offer(1)], now: start + 0.5))
        #expect(first.map(\.name) == ["tick"])
        core.update(TaskStatus(taskID: first[0].taskID, state: .finished), now: start + 1)
        #expect(core.history["tick"]?.successCount == 1)

        core.tick(now: start + 10)
        #expect(!core.hasDueRuns)  // next at 10:00:15
        core.tick(now: start + 15)
        #expect(launched(core.offers([offer(2)], now: start + 15)).count == 1)
    }

    @Test func failuresAreRetriedThenCounted() throws {
        var core = JobsCore()
        try core.put(JobDefinition(name: "flaky", command: "exit 1", schedule: try schedule("R1/2025-11-25T10:00:00Z/PT1M"), retries: 1))
        core.tick(now: start)
        let first = try #require(launched(core.offers([offer(1)], now: start)).first)
        core.update(TaskStatus(taskID: first.taskID, state: .failed), now: start + 1)
        let retry = try #require(launched(core.offers([offer(2)], now: start + 1)).first)
        core.update(TaskStatus(taskID: retry.taskID, state: .failed), now: start + 2)
        #expect(launched(core.offers([offer(3)], now: start + 2)).isEmpty)  // no tries left
        #expect(core.history["flaky"]?.errorCount == 2)
    }

    @Test func dependentJobRunsAfterItsParentSucceeds() throws {
        var core = JobsCore()
        try core.put(JobDefinition(name: "extract", command: "true", schedule: try schedule("R1/2025-11-25T10:00:00Z/PT1M")))
        try core.put(JobDefinition(name: "load", command: "true", parents: ["extract"]))
        core.tick(now: start)
        let extract = try #require(launched(core.offers([offer(1)], now: start)).first)
        #expect(launched(core.offers([offer(2)], now: start)).isEmpty)
        core.update(TaskStatus(taskID: extract.taskID, state: .finished), now: start + 1)
        #expect(launched(core.offers([offer(3)], now: start + 1)).map(\.name) == ["load"])
    }

    @Test func runLaterThanEpsilonIsSkipped() throws {
        var core = JobsCore()
        try core.put(JobDefinition(name: "late", command: "true", schedule: try schedule("R1/2025-11-25T10:00:00Z/PT1M"), epsilonSeconds: 30))
        core.tick(now: start + 45)
        #expect(!core.hasDueRuns)
    }

    @Test func jobNeedsScheduleOrParentsAndNoCycles() throws {
        var core = JobsCore()
        #expect(throws: JobGraphError.self) { try core.put(JobDefinition(name: "none", command: "true")) }
        core.runNow("none")
        #expect(!core.hasDueRuns)
    }
}
