import CorralMesosJSON
import CorralModel
import Testing

@testable import CorralJobs

/// Jobs as chronos-python 1.2.1 posts them and as Chronos lists them.
@Suite struct ChronosJSONTests {
    /// What a chronos-python user typically sends (`json.dumps` of their dict).
    static let posted = """
        {"schedule": "R/2025-11-25T10:00:00Z/PT2M", "name": "sample-job", "epsilon": "PT30M",
         "command": "echo 'FOO' >> /tmp/out", "owner": "person@example.com", "async": false, "disabled": false,
         "cpus": 0.5, "mem": 512, "disk": 64, "shell": true, "retries": 3, "concurrent": true,
         "scheduleTimeZone": "Europe/Berlin", "runAsUser": "nobody", "description": "a sample",
         "environmentVariables": [{"name": "FOO", "value": "BAR"}, {"name": "N", "value": 3}],
         "constraints": [["rack", "EQUALS", "rack-1"]], "arguments": ["-v"], "uris": ["http://example.com/x"],
         "container": {"type": "DOCKER", "image": "busybox"}, "highPriority": true, "successCount": 99}
        """

    @Test func decodesAJobAsChronosPythonSendsIt() throws {
        let job = try JobDefinition(chronosJSON: Array(Self.posted.utf8))
        #expect(job.name == "sample-job")
        #expect(job.command == "echo 'FOO' >> /tmp/out")
        #expect(job.schedule == "R/2025-11-25T10:00:00Z/PT2M")
        #expect(job.scheduleTimeZone == "Europe/Berlin")
        #expect(job.epsilon == ISODuration(minutes: 30))
        #expect(job.owner == "person@example.com")
        #expect(job.cpus == 0.5 && job.mem == 512 && job.disk == 64)
        #expect(job.retries == 3 && job.shell && job.concurrent && !job.disabled && !job.async)
        #expect(job.runAsUser == "nobody" && job.description == "a sample")
        #expect(job.environmentVariables == [EnvironmentVariable(name: "FOO", value: "BAR"), EnvironmentVariable(name: "N", value: "3")])
        #expect(job.constraints == [["rack", "EQUALS", "rack-1"]])
        #expect(job.arguments == ["-v"] && job.uris == ["http://example.com/x"])
        // Kept as sent; listing-only fields are dropped.
        #expect(job.otherFields.members.map(\.key) == ["container", "highPriority"])
    }

    @Test func leftOutFieldsTakeChronosDefaults() throws {
        let job = try JobDefinition(chronosJSON: Array(#"{"name":"d","command":"true","parents":["a"],"owner":"","disabled":false}"#.utf8))
        #expect(job == JobDefinition(name: "d", command: "true", parents: ["a"]))
        #expect(job.retries == 2 && job.cpus == 0.1 && job.mem == 128 && job.disk == 256 && job.shell && !job.concurrent)
        #expect(job.epsilon == ISODuration(seconds: 60))
    }

    @Test func listsAJobWithItsCountersAndTimesInUTC() throws {
        var history = JobHistory()
        history.successCount = 4
        history.errorCount = 1
        history.lastSuccess = Time(seconds: 1_764_064_801.5)
        let job = try JobDefinition(chronosJSON: Array(Self.posted.utf8))
        let listed = String(decoding: job.chronosJSON(history: history), as: UTF8.self)
        #expect(listed == """
            {"name":"sample-job","command":"echo 'FOO' >> /tmp/out","shell":true,"arguments":["-v"],\
            "schedule":"R/2025-11-25T10:00:00Z/PT2M","scheduleTimeZone":"Europe/Berlin","epsilon":"PT30M","retries":3,\
            "cpus":0.5,"mem":512.0,"disk":64.0,"disabled":false,"concurrent":true,"async":false,\
            "environmentVariables":[{"name":"FOO","value":"BAR"},{"name":"N","value":"3"}],"owner":"person@example.com",\
            "ownerName":"","description":"a sample","runAsUser":"nobody","constraints":[["rack","EQUALS","rack-1"]],\
            "uris":["http://example.com/x"],"successCount":4,"errorCount":1,"errorsSinceLastSuccess":0,\
            "lastSuccess":"2025-11-25T10:00:01.500Z","lastError":"",\
            "container":{"type":"DOCKER","image":"busybox"},"highPriority":true}
            """)
        #expect(try JobDefinition(chronosJSON: job.chronosJSON(history: history)) == job)
    }

    @Test func dependentJobsListTheirParentsInsteadOfASchedule() {
        let listed = String(decoding: JobDefinition(name: "d", command: "true", parents: ["a", "b"]).chronosJSON(), as: UTF8.self)
        #expect(listed.contains(#""parents":["a","b"]"#))
        #expect(!listed.contains("schedule"))
        #expect(!listed.contains("successCount"))
    }

    @Test(arguments: [
        ("{not json", "the job's JSON cannot be read:"),
        ("[1,2]", "the job's JSON cannot be read: expected an object, got an array"),
        (#"{"command":"x"}"#, "name: missing required field"),
        (#"{"name":"x","retries":"many"}"#, #"retries: expected an integer, got "many""#),
        (#"{"name":"x","cpus":true}"#, "cpus: expected a number, got true"),
        (#"{"name":"x","epsilon":"30 minutes"}"#, "epsilon: '30 minutes' is not an ISO 8601 duration (expected e.g. PT30M)"),
        (#"{"name":"x","parents":"a"}"#, #"parents: expected an array, got "a""#),
        (#"{"name":"x","environmentVariables":[{"value":"1"}]}"#, "environmentVariables[0].name: missing required field"),
        (#"{"name":"x","constraints":[["a", 1, "b"]]}"#, "constraints[0][1]: expected a string, got 1"),
    ])
    func malformedJobsAreRefusedSayingWhere(json: String, message: String) {
        #expect(throws: JobsError.self) { try JobDefinition(chronosJSON: Array(json.utf8)) }
        do {
            _ = try JobDefinition(chronosJSON: Array(json.utf8))
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func timesAreUTCWithMillisecondsOrEmpty() {
        #expect(ChronosTime.format(nil) == "")
        #expect(ChronosTime.format(Time(seconds: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ChronosTime.format(Time(seconds: 1_764_064_800.0426)) == "2025-11-25T10:00:00.043Z")
        #expect(ChronosTime.format(Time(seconds: 951_782_399.9999)) == "2000-02-29T00:00:00.000Z")
    }

    @Test func statsListRunsNewestFirstWithDurations() throws {
        var core = JobsCore()
        try core.put(job("s", retries: 0), now: t0)
        for (index, (state, length)) in [(TaskState.finished, 2.0), (.failed, 1), (.finished, 4)].enumerated() {
            let at = t0 + Double(index * 10)
            try core.runNow("s", now: at)
            core.finish(try #require(core.launchQueued(now: at).first), state, message: state == .failed ? "Command exited with status 1" : nil, now: at + length)
        }
        let stats = try MesosJSON.parse(try #require(core.summary(of: "s", now: t0 + 30)).chronosStatsJSON()).object()
        let histogram = try #require(stats["histogram"]).object()
        #expect(histogram["count"] == .number("2"))
        #expect(histogram["median"] == .number("2.0"))
        #expect(histogram["99thPercentile"] == .number("4.0"))
        #expect(histogram["mean"] == .number("3.0"))
        let runs = try #require(stats["taskStatHistory"]).array().map { try $0.object() }
        #expect(runs.map { $0["status"] } == [.string("success"), .string("failure"), .string("success")])
        #expect(runs[1]["exitStatus"] == .number("1"))
        #expect(runs[0]["jobName"] == .string("s"))
        #expect(stats["successCount"] == .number("2") && stats["errorCount"] == .number("1"))
        #expect(stats["lastError"] == .string("2025-11-25T10:00:11.000Z"))
    }
}
