import CorralChronosAPI
import CorralHTTPTesting
import CorralJobs
import CorralMesosJSON
import CorralModel
import CorralRESTClient
import CorralSDKHTTP
import CorralTesting
import Foundation
import Logging
import Testing

/// Chronos's REST API over a Jobs framework that is not connected to a master: every endpoint's
/// status codes and bodies, and bad input answered with a 4xx and a message.
@Suite(.timeLimit(.minutes(2))) struct ChronosAPITests {
    static let scheduled = #"{"name":"extract","command":"echo extract","owner":"ops@example.com","disabled":false,"schedule":"R/2030-01-01T00:00:00Z/PT1H","epsilon":"PT30M","retries":1}"#
    static let dependent = #"{"name":"load","command":"echo load","owner":"ops@example.com","disabled":false,"parents":["extract"]}"#

    @Test func createListSearchStatAndGraph() async throws {
        try await ChronosServer.run { _, http async throws in
            let created = try await http.post("/v1/scheduler/iso8601", json: Self.scheduled)
            #expect(created.status == 204 && created.body.isEmpty)
            #expect(try await http.post("/v1/scheduler/dependency", json: Self.dependent).status == 204)

            let list = try await http.send("GET", "/v1/scheduler/jobs")
            #expect(list.status == 200)
            #expect(list.headers.contains { $0.0.lowercased() == "content-type" && $0.1 == "application/json" })
            let jobs = try MesosJSON.parse(list.body).array().map { try $0.object() }
            #expect(jobs.map { $0["name"] } == [.string("extract"), .string("load")])
            #expect(jobs[0]["schedule"] == .string("R/2030-01-01T00:00:00Z/PT1H"))
            #expect(jobs[0]["successCount"] == .number("0") && jobs[0]["lastSuccess"] == .string("") && jobs[0]["lastError"] == .string(""))
            #expect(jobs[1]["parents"] == .array([.string("extract")]))

            let byName = try await http.send("GET", "/v1/scheduler/jobs/search?name=LOA")
            #expect(try MesosJSON.parse(byName.body).array().count == 1)
            let byCommand = try await http.send("GET", "/v1/scheduler/jobs/search?command=echo+extract")
            #expect(try MesosJSON.parse(byCommand.body).array().map { try $0.object()["name"] } == [.string("extract")])
            let byAny = try await http.send("GET", "/v1/scheduler/jobs/search?any=ops%40example")
            #expect(try MesosJSON.parse(byAny.body).array().count == 2)
            let none = try await http.send("GET", "/v1/scheduler/jobs/search?name=zzz")
            #expect(none.status == 200 && none.body == "[]")

            let stat = try await http.send("GET", "/v1/scheduler/job/stat/extract")
            #expect(stat.status == 200)
            let stats = try MesosJSON.parse(stat.body).object()
            #expect(stats["histogram"] != nil && stats["taskStatHistory"] == .array([]))
            #expect(stats["nextRun"] == .string("2030-01-01T00:00:00.000Z"))

            let graph = try await http.send("GET", "/v1/scheduler/graph/csv")
            #expect(graph.status == 200)
            #expect(graph.headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("text/csv") })
            #expect(graph.body == "node,extract,fresh,idle\nnode,load,fresh,idle\nlink,extract,load\n")
        }
    }

    @Test func postingAnExistingJobUpdatesIt() async throws {
        try await ChronosServer.run { jobs, http async throws in
            #expect(try await http.post("/v1/scheduler/iso8601", json: Self.scheduled).status == 204)
            let changed = Self.scheduled.replacingOccurrences(of: "echo extract", with: "echo changed")
            #expect(try await http.post("/v1/scheduler/iso8601", json: changed).status == 204)
            let summary1 = try await jobs.job("extract")
            #expect(summary1.definition.command == "echo changed")
            #expect(await jobs.jobs().count == 1)
        }
    }

    @Test func runNowKillAndDeleteAnswer204() async throws {
        try await ChronosServer.run { jobs, http async throws in
            #expect(try await http.post("/v1/scheduler/iso8601", json: Self.scheduled).status == 204)
            let run = try await http.send("PUT", "/v1/scheduler/job/extract")
            #expect(run.status == 204 && run.body.isEmpty)
            let summary2 = try await jobs.job("extract")
            #expect(summary2.state == .queued)
            let kill = try await http.send("DELETE", "/v1/scheduler/task/kill/extract")
            #expect(kill.status == 204 && kill.body.isEmpty)
            let summary3 = try await jobs.job("extract")
            #expect(summary3.state == .idle)
            let delete = try await http.send("DELETE", "/v1/scheduler/job/extract")
            #expect(delete.status == 204 && delete.body.isEmpty)
            #expect(await jobs.jobs().isEmpty)
        }
    }

    /// A known path asked with a method it does not take is a 405 naming the ones it does (in
    /// the message and in Allow), not a 404 that says the path does not exist.
    @Test func aWrongMethodOnAKnownPathIs405WithAllow() async throws {
        try await ChronosServer.run { _, http async throws in
            for (method, path, allowed) in [
                ("GET", "/v1/scheduler/iso8601", "POST"), ("DELETE", "/v1/scheduler/jobs", "GET"),
                ("POST", "/v1/scheduler/job/extract", "PUT, DELETE"), ("GET", "/v1/scheduler/task/kill/extract", "DELETE"),
            ] {
                let answer = try await http.send(method, path)
                #expect(answer.status == 405, "\(method) \(path)")
                #expect(answer.headers.first { $0.0.lowercased() == "allow" }?.1 == allowed, "\(method) \(path)")
                #expect(answer.body.contains("is not allowed here"), "\(answer.body)")
            }
            #expect(try await http.send("GET", "/v1/scheduler/nowhere").status == 404)
        }
    }

    @Test func percentEncodedNamesAreDecoded() async throws {
        try await ChronosServer.run { jobs, http async throws in
            let json = Self.scheduled.replacingOccurrences(of: #""name":"extract""#, with: #""name":"nightly#1""#)
            #expect(try await http.post("/v1/scheduler/iso8601", json: json).status == 204)
            #expect(try await http.send("PUT", "/v1/scheduler/job/nightly%231").status == 204)
            let job = try await jobs.job("nightly#1")
            #expect(job.queuedRuns == 1)
        }
    }

    /// (method, path, body, expected status, a piece of the expected message)
    static let badInput: [(String, String, String, Int, String)] = [
        ("POST", "/v1/scheduler/iso8601", "{not json", 400, "the job's JSON cannot be read"),
        ("POST", "/v1/scheduler/iso8601", "", 400, "the job's JSON cannot be read"),
        ("POST", "/v1/scheduler/iso8601", "[]", 400, "expected an object"),
        ("POST", "/v1/scheduler/iso8601", #"{"command":"true","schedule":"R//PT1S"}"#, 400, "name: missing required field"),
        ("POST", "/v1/scheduler/iso8601", #"{"name":"x","command":"true","schedule":"R/soon/PT1S"}"#, 400,
         "job 'x': invalid schedule 'R/soon/PT1S': 'soon' is not an ISO 8601 date-time"),
        ("POST", "/v1/scheduler/iso8601", #"{"name":"x","command":"true","schedule":"R//PT1S","retries":"lots"}"#, 400, "retries: expected an integer"),
        ("POST", "/v1/scheduler/iso8601", #"{"name":"x","command":"true"}"#, 400, "job 'x': a job needs a schedule"),
        ("POST", "/v1/scheduler/iso8601", #"{"name":"bad name","command":"true","schedule":"R//PT1S"}"#, 400, "may only contain"),
        ("POST", "/v1/scheduler/dependency", #"{"name":"y","command":"true","parents":["ghost"]}"#, 400, "job 'y': parent 'ghost' is not a known job"),
        ("POST", "/v1/scheduler/dependency", #"{"name":"root","command":"true","parents":["leaf"]}"#, 400,
         "job 'root': dependencies would form a cycle: root → leaf → root"),
        ("POST", "/v1/scheduler/dependency", "[" + String(repeating: "1,", count: 40_000) + "1]", 413, "larger than"),
        ("PUT", "/v1/scheduler/job/nope", "", 404, "job 'nope' does not exist"),
        ("DELETE", "/v1/scheduler/job/nope", "", 404, "job 'nope' does not exist"),
        ("DELETE", "/v1/scheduler/task/kill/nope", "", 404, "job 'nope' does not exist"),
        ("GET", "/v1/scheduler/job/stat/nope", "", 404, "job 'nope' does not exist"),
        ("GET", "/v1/scheduler/jobs/search?limit=none", "", 400, "'limit' must be an integer"),
        ("GET", "/v1/scheduler/nowhere", "", 404, "No such endpoint: GET /v1/scheduler/nowhere"),
        ("PATCH", "/v1/scheduler/jobs", "", 405, "PATCH is not allowed here; use GET"),
    ]

    @Test func badInputGets4xxWithAMessageAndChangesNothing() async throws {
        try await ChronosServer.run { jobs, http async throws in
            #expect(try await http.post("/v1/scheduler/iso8601", json: #"{"name":"root","command":"true","schedule":"R//PT1H"}"#).status == 204)
            #expect(try await http.post("/v1/scheduler/dependency", json: #"{"name":"leaf","command":"true","parents":["root"]}"#).status == 204)
            let before = await jobs.jobs().map(\.definition)
            for _ in 0..<2 {
                for (method, path, body, status, message) in Self.badInput {
                    let answer = try await http.send(method, path, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
                    #expect(answer.status == status, "\(method) \(path) \(body.prefix(60)): \(answer.status) \(answer.body)")
                    let parsed = try? MesosJSON.parse(answer.body).object()
                    guard case .string(let text)? = parsed?["message"] else {
                        Issue.record("\(method) \(path): no JSON message in '\(answer.body)'")
                        continue
                    }
                    #expect(text.contains(message), "\(method) \(path): '\(text)' should mention '\(message)'")
                }
            }
            #expect(await jobs.jobs().map(\.definition) == before)
            #expect(try await http.send("GET", "/v1/scheduler/jobs").status == 200)
        }
    }
}

/// A Jobs framework with an in-memory store behind a Chronos API server on a free port.
enum ChronosServer {
    static func run(_ body: @Sendable (JobsFramework, RawHTTP) async throws -> Void) async throws {
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let jobs = try JobsFramework(store: JobsStore(path: nil), logger: logger)
        var configuration = JobsHTTPServer.Configuration()
        configuration.port = 0
        configuration.bodyLimit = 64 << 10
        let server = JobsHTTPServer(jobs: jobs, configuration: configuration, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, sink) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await server.run { port in sink.yield(port) } }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body(jobs, RawHTTP(master: MasterAddress(host: "127.0.0.1", port: port)))
            group.cancelAll()
        }
    }
}

/// The console's remote view of Jobs: ChronosClient against Corral's Chronos API.
@Suite struct ChronosClientTests {
    @Test func jobsAndRunNowAsARemoteConsoleUsesThem() async throws {
        try await ChronosServer.run { jobs, http async throws in
            let json = ChronosAPITests.scheduled.replacingOccurrences(of: #""name":"extract""#, with: #""name":"nightly#1""#)
            #expect(try await http.post("/v1/scheduler/iso8601", json: json).status == 204)
            let client = ChronosClient(address: http.master)
            let listed = try await client.jobs()
            #expect(listed.map(\.name) == ["nightly#1"])
            #expect(listed.first?.successCount == 0)
            #expect(listed.first?.lastSuccess == "")
            try await client.runNow("nightly#1")
            let job = try await jobs.job("nightly#1")
            #expect(job.queuedRuns == 1)
            await #expect(throws: RESTClientError.self) { try await client.runNow("missing") }
        }
    }
}
