import CorralHTTPTesting
import CorralMesosJSON
import CorralModel
import Testing

@testable import CorralChronosAPI
@testable import CorralJobs

/// Chronos's `/v1/scheduler/stats/<statistic>`, its task notification for async jobs, and
/// Jobs' `/metrics/prometheus`.
@Suite(.timeLimit(.minutes(2))) struct ChronosStatsAndReportTests {
    static func summary(_ name: String, runTimes: [Double], failures: Int = 0) -> JobSummary {
        var history = JobHistory()
        for (number, seconds) in runTimes.enumerated() {
            history.record(JobHistory.Run(
                taskID: TaskID("ct:\(number):0:\(name)"), startedAt: Time(seconds: 1000), endedAt: Time(seconds: 1000 + seconds), state: .finished))
        }
        history.record(JobHistory.Run(taskID: TaskID("ct:99:0:\(name)"), startedAt: Time(seconds: 1000), endedAt: Time(seconds: 9999), state: .failed))
        history.successCount = runTimes.count
        history.errorCount = failures
        return JobSummary(definition: JobDefinition(name: name, command: "true"), history: history, state: .idle, runningTasks: [], queuedRuns: 0, parentsPending: [])
    }

    static func times(_ bytes: [UInt8]) throws -> [(String, Double)] {
        try MesosJSON.parse(bytes).array().map { value in
            let object = try value.object()
            #expect(object.members.map(\.key) == ["jobNameLabel", "time"])
            return (try object.required("jobNameLabel", as: String.self), try object.required("time", as: Double.self))
        }
    }

    @Test func everyJobsStatisticComesLongestFirstInSecondsAsChronosAnswers() throws {
        let jobs = [
            Self.summary("quick", runTimes: [1, 2, 3, 4]), Self.summary("slow", runTimes: [10, 30]), Self.summary("new", runTimes: []),
        ]
        let p99 = try Self.times(ChronosStats.json(jobs, statistic: "99thPercentile"))
        #expect(p99.map(\.0) == ["slow", "quick", "new"])
        #expect(p99.map(\.1) == [30, 4, 0], "failed runs do not count; a job without successes reads 0")
        #expect(try Self.times(ChronosStats.json(jobs, statistic: "median")).map(\.1) == [10, 2, 0])
        #expect(try Self.times(ChronosStats.json(jobs, statistic: "mean")).map(\.1) == [20, 2.5, 0])
        #expect(try Self.times(ChronosStats.json(jobs, statistic: "75thPercentile")).map(\.1) == [30, 3, 0])
        #expect(ChronosStats.json(jobs, statistic: "count") == Array("[]".utf8), "a statistic Chronos does not serve lists nothing")
    }

    @Test func statsAndTaskReportsOverHTTP() async throws {
        try await ChronosServer.run { jobs, http async throws in
            #expect(try await http.post("/v1/scheduler/iso8601", json: ChronosAPITests.scheduled).status == 204)
            for statistic in RunTimeStatistics.names {
                let answer = try await http.send("GET", "/v1/scheduler/stats/\(statistic)")
                #expect(answer.status == 200)
                #expect(answer.body == #"[{"jobNameLabel":"extract","time":0.0}]"#, "\(statistic)")
            }
            #expect(try await http.send("POST", "/v1/scheduler/stats/median").status == 405)

            let unknown = try await http.send("PUT", "/v1/scheduler/task/ct%3A1%3A0%3Aextract", headers: [("Content-Type", "application/json")], body: Array(#"{"statusCode":0}"#.utf8))
            #expect(unknown.status == 404)
            #expect(unknown.body.contains("ct:1:0:extract"))
            for body in ["{}", #"{"statusCode":1e30}"#, #"{"statusCode":0.5}"#, "[0]", "not json"] {
                let malformed = try await http.send("PUT", "/v1/scheduler/task/ct:1:0:extract", headers: [("Content-Type", "application/json")], body: Array(body.utf8))
                #expect(malformed.status == 400, "\(body)")
                #expect(malformed.body.contains("statusCode"), "\(body)")
            }
        }
    }

    @Test func jobsMetricsScrapeAsPrometheusText() async throws {
        try await ChronosServer.run { jobs, http async throws in
            #expect(try await http.post("/v1/scheduler/iso8601", json: ChronosAPITests.scheduled).status == 204)
            #expect(try await http.post("/v1/scheduler/dependency", json: ChronosAPITests.dependent).status == 204)
            #expect(try await http.send("PUT", "/v1/scheduler/job/extract").status == 204)
            let answer = try await http.send("GET", "/metrics/prometheus")
            #expect(answer.status == 200)
            #expect(answer.headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("text/plain; version=0.0.4") })
            let scrape = try PrometheusScrape(parsing: answer.body)
            #expect(scrape.value("corral_jobs_defined") == 2)
            #expect(scrape.value("corral_jobs_runs_queued") == 1, "the run asked for by hand waits for an offer")
            #expect(scrape.types["corral_jobs_runs_succeeded_total"] == "counter")
            #expect(scrape.value("corral_jobs_runs_succeeded_total", ["job": "load"]) == 0)
            #expect(scrape.samples(named: "corral_jobs_last_success_timestamp_seconds").isEmpty, "no job has succeeded yet")
        }
    }
}
