import ConsoleCore
import CorralChronosAPI
import Foundation
import Testing

@testable import CorralConsoleFrameworks

/// A console attached to a remote master reads Jobs (or a Chronos) over its REST API: a job's
/// last result is whichever of its last success and last error came later.
@Suite struct RemoteJobRowTests {
    func job(_ fields: String) throws -> ChronosClient.Job {
        try JSONDecoder().decode(ChronosClient.Job.self, from: Data("{\"name\": \"nightly\"\(fields)}".utf8))
    }

    @Test func aJobThatNeverRanHasNoResult() throws {
        let row = JobRow(try job(", \"schedule\": \"R/2025-01-01T02:00:00Z/P1D\", \"lastSuccess\": \"\", \"lastError\": \"\""))
        #expect(row.lastResult == .never)
        #expect(row.schedule == "R/2025-01-01T02:00:00Z/P1D")
    }

    @Test func theLaterOfTheLastSuccessAndTheLastErrorIsTheResult() throws {
        let failedLast = try job(", \"lastSuccess\": \"2025-11-25T10:00:00.000Z\", \"lastError\": \"2025-11-25T11:00:00.000Z\"")
        let succeededLast = try job(", \"lastSuccess\": \"2025-11-25T12:00:00.000Z\", \"lastError\": \"2025-11-25T11:00:00.000Z\"")
        #expect(JobRow(failedLast).lastResult == .failure)
        #expect(JobRow(succeededLast).lastResult == .success)
        #expect(JobRow(try job(", \"lastError\": \"2025-11-25T11:00:00.000Z\"")).lastResult == .failure)
    }

    @Test func aDependentJobIsScheduledAfterItsParents() throws {
        let row = JobRow(try job(", \"parents\": [\"extract\", \"load\"], \"successCount\": 4, \"errorCount\": 1, \"disabled\": true"))
        #expect(row.schedule == "after extract, load")
        #expect(row.successCount == 4)
        #expect(row.errorCount == 1)
        #expect(row.disabled)
    }
}
