import CorralModel
import Testing

@testable import CorralJobs

/// Jobs the core refuses, each with a message that names the job and the problem; a refused
/// put leaves the core as it was.
@Suite struct JobValidationTests {
    static func refusal(_ job: JobDefinition, after setup: [JobDefinition] = []) throws -> String? {
        var core = JobsCore()
        for job in setup { try core.put(job, now: t0) }
        let before = core.state
        do {
            try core.put(job, now: t0)
            return nil
        } catch {
            #expect(core.state == before)
            return error.description
        }
    }

    @Test func badSchedulesAreRefusedNamingJobAndSchedule() throws {
        #expect(try Self.refusal(job("bad", schedule: "every minute")) ==
            "job 'bad': invalid schedule 'every minute': expected R[n]/<start>/<period> (e.g. R/2026-11-25T10:00:00Z/PT15S or R5//P1D)")
        #expect(try Self.refusal(job("bad", schedule: "R/2025-11-25T10:00:00Z/P1X")) ==
            "job 'bad': invalid schedule 'R/2025-11-25T10:00:00Z/P1X': 'P1X' is not an ISO 8601 duration (expected e.g. PT15S, P1D or P1Y2M3W4DT5H6M7.5S)")
        #expect(try Self.refusal(job("bad", schedule: "R/2025-13-25T10:00:00Z/PT1S"))?.contains("'2025-13-25T10:00:00Z' is not an ISO 8601 date-time") == true)
        #expect(try Self.refusal(job("bad", schedule: "R//PT0S"))?.contains("period must be longer than zero") == true)
        var zoned = job("zoned", schedule: "R//P1D")
        zoned.scheduleTimeZone = "Mars/Olympus"
        #expect(try Self.refusal(zoned)?.contains("'Mars/Olympus' is not a known time zone") == true)
    }

    @Test func cyclesAndUnknownParentsAreRefused() throws {
        let chain = [job("a", schedule: "R//PT1M"), job("b", parents: ["a"]), job("c", parents: ["b"])]
        #expect(try Self.refusal(job("a", parents: ["c"]), after: chain) == "job 'a': dependencies would form a cycle: a → b → c → a")
        #expect(try Self.refusal(job("d", parents: ["nowhere"]), after: chain) == "job 'd': parent 'nowhere' is not a known job")
        #expect(try Self.refusal(job("d", parents: ["d"]), after: chain) == "job 'd': a job cannot depend on itself")
    }

    @Test func aJobNeedsExactlyOneOfScheduleOrParents() throws {
        #expect(try Self.refusal(JobDefinition(name: "none", command: "true")) == "job 'none': a job needs a schedule (R[n]/<start>/<period>) or parents")
        #expect(try Self.refusal(job("both", schedule: "R//PT1M", parents: ["a"]), after: [job("a", schedule: "R//PT1M")]) ==
            "job 'both': a job has either a schedule or parents, not both")
    }

    @Test func namesCommandsAndNumbersAreChecked() throws {
        #expect(try Self.refusal(job("", schedule: "R//PT1M")) == "job '': the name must not be empty")
        #expect(try Self.refusal(job("two words", schedule: "R//PT1M")) ==
            "job 'two words': the name may only contain letters, digits, '.', '#', '_' and '-'")
        #expect(try Self.refusal(job("a/b", schedule: "R//PT1M")) != nil)
        #expect(try Self.refusal(job("blank", "  ", schedule: "R//PT1M")) == "job 'blank': the command must not be empty")
        #expect(try Self.refusal(job("neg", schedule: "R//PT1M", retries: -1)) == "job 'neg': retries must be 0 or more, got -1")
        var greedy = job("greedy", schedule: "R//PT1M")
        greedy.cpus = 0
        #expect(try Self.refusal(greedy) == "job 'greedy': cpus must be from 0.001 to 1e15, got 0.0")
        greedy.cpus = 1
        greedy.mem = -5
        #expect(try Self.refusal(greedy) == "job 'greedy': mem must be from 0.001 to 1e15, got -5.0")
        var placed = job("placed", schedule: "R//PT1M")
        placed.constraints = [["rack", "NEAR", "r1"]]
        #expect(try Self.refusal(placed) == #"job 'placed': constraint ["rack", "NEAR", "r1"] is not [attribute, EQUALS|LIKE|UNLIKE, value]"#)
        placed.constraints = [["rack", "LIKE", "r[1"]]
        #expect(try Self.refusal(placed) != nil)
        #expect(try Self.refusal(job("ok.name_1-#x", schedule: "R//PT1M")) == nil)
    }
}
