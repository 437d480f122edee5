import Foundation
import Testing
@testable import CorralJobs

/// ISO 8601 repeating intervals as Chronos writes them. No wall clock: `now` is always passed in.
@Suite struct ScheduleTests {
    /// 2026-11-25T10:00:00Z
    static let t0 = Date(timeIntervalSince1970: 1_795_600_800)
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func date(_ text: String) -> Date {
        try! ISODateTime.parse(text, in: text, defaultZone: ISODateTime.utc).date
    }

    static func error(_ text: String, timeZone: String? = nil) -> String? {
        do {
            _ = try RepeatingSchedule(parsing: text, timeZone: timeZone, now: now)
            return nil
        } catch {
            return error.description
        }
    }

    // MARK: Durations

    @Test func durations() throws {
        #expect(try ISODuration(parsing: "PT15S") == ISODuration(seconds: 15))
        #expect(try ISODuration(parsing: "P1D") == ISODuration(days: 1))
        #expect(try ISODuration(parsing: "P2W") == ISODuration(weeks: 2))
        #expect(try ISODuration(parsing: "PT0.5S") == ISODuration(seconds: 0.5))
        #expect(try ISODuration(parsing: "PT1,25S") == ISODuration(seconds: 1.25))
        #expect(try ISODuration(parsing: "PT1H") == ISODuration(hours: 1))
        #expect(try ISODuration(parsing: "P1M") == ISODuration(months: 1))
        #expect(try ISODuration(parsing: "PT1M") == ISODuration(minutes: 1))
        let full = try ISODuration(parsing: "P1Y2M3W4DT5H6M7.5S")
        #expect(full == ISODuration(years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7.5))
        #expect(full.description == "P1Y2M3W4DT5H6M7.5S")
        #expect(try ISODuration(parsing: "P0D").isZero)
        #expect(try ISODuration(parsing: "P0D").description == "PT0S")
        #expect(try ISODuration(parsing: "PT0.001S").description == "PT0.001S")
        #expect(try ISODuration(parsing: "PT90M").description == "PT90M")
        #expect(try !ISODuration(parsing: "PT0.5S").isZero)
    }

    @Test(arguments: ["", "P", "PT", "1D", "P1", "PD", "P1X", "P1.5D", "PT1.5H", "P1DT", "P1D1Y", "PT1S1H",
                      "P1M1M", "P-1D", "PT.5S", "PT1.S", "PT1.2.3S", "P1DTT1H", "pt1s", "PT1e3S", "P1H"])
    func badDurations(text: String) {
        #expect(throws: ScheduleError.notADuration(text, in: text)) { try ISODuration(parsing: text) }
        let message = ScheduleError.notADuration(text, in: text).description
        #expect(message == "invalid schedule '\(text)': '\(text)' is not an ISO 8601 duration "
            + "(expected e.g. PT15S, P1D or P1Y2M3W4DT5H6M7.5S)")
    }

    @Test func hugeDurations() {
        #expect(throws: ScheduleError(text: "P20000Y", problem: "period 'P20000Y' is longer than 10000 years")) {
            try ISODuration(parsing: "P20000Y")
        }
        #expect(throws: ScheduleError.self) { try ISODuration(parsing: "PT99999999999999999999999S") }
    }

    @Test func advanceIsCalendarForDaysAndExactForHours() throws {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let start = Self.date("2026-01-31T10:00:00Z")
        #expect(try ISODuration(parsing: "P1M").advance(start, calendar: utc) == Self.date("2026-02-28T10:00:00Z"))
        #expect(try ISODuration(parsing: "P2W").advance(start, calendar: utc) == Self.date("2026-02-14T10:00:00Z"))
        #expect(try ISODuration(parsing: "P1Y").advance(start, calendar: utc) == Self.date("2027-01-31T10:00:00Z"))
        #expect(try ISODuration(parsing: "PT0.5S").advance(start, calendar: utc) == start.addingTimeInterval(0.5))
        #expect(try ISODuration(parsing: "P1DT1H").advance(start, calendar: utc) == Self.date("2026-02-01T11:00:00Z"))
    }

    // MARK: Parsing schedules

    @Test func forever() throws {
        let schedule = try RepeatingSchedule(parsing: "R/2026-11-25T10:00:00Z/PT15S", now: Self.now)
        #expect(schedule.repetitions == nil)
        #expect(schedule.start == Self.t0)
        #expect(schedule.period == ISODuration(seconds: 15))
        #expect(schedule.timeZone.secondsFromGMT(for: Self.t0) == 0)
        #expect(schedule.description == "R/2026-11-25T10:00:00Z/PT15S")
    }

    @Test func countedWithFraction() throws {
        let schedule = try RepeatingSchedule(parsing: "R5/2026-11-25T10:00:00.000Z/P1D", now: Self.now)
        #expect(schedule.repetitions == 5)
        #expect(schedule.start == Self.t0)
        #expect(schedule.period == ISODuration(days: 1))
        #expect(schedule.description == "R5/2026-11-25T10:00:00Z/P1D")
        let half = try RepeatingSchedule(parsing: "R5/2026-11-25T10:00:00.25Z/P1D", now: Self.now)
        #expect(half.start == Self.t0.addingTimeInterval(0.25))
        #expect(half.description == "R5/2026-11-25T10:00:00.25Z/P1D")
    }

    @Test func emptyStartIsNow() throws {
        let schedule = try RepeatingSchedule(parsing: "R//PT1H", now: Self.now)
        #expect(schedule.start == Self.now)
        #expect(schedule.nextRun(after: Self.now.addingTimeInterval(-1), runsSoFar: 0) == Self.now)
        #expect(schedule.nextRun(after: Self.now, runsSoFar: 0) == Self.now.addingTimeInterval(3_600))
    }

    @Test func offsets() throws {
        for text in ["R/2026-11-25T11:00:00+01:00/PT1H", "R/2026-11-25T11:00+0100/PT1H",
                     "R/2026-11-25T05:30:00-04:30/PT1H", "R/2026-11-25T12:00:00+02/PT1H"] {
            let schedule = try RepeatingSchedule(parsing: text, now: Self.now)
            #expect(schedule.start == Self.t0, "\(text)")
        }
        let plus1 = try RepeatingSchedule(parsing: "R/2026-11-25T11:00:00+01:00/P1D", now: Self.now)
        #expect(plus1.timeZone.secondsFromGMT(for: Self.t0) == 3_600)
        #expect(plus1.description == "R/2026-11-25T10:00:00Z/P1D")
    }

    @Test func startWithoutOffsetUsesScheduleTimeZone() throws {
        let berlin = try RepeatingSchedule(parsing: "R/2026-11-25T11:00:00/PT1H", timeZone: "Europe/Berlin", now: Self.now)
        #expect(berlin.start == Self.t0)
        #expect(berlin.timeZone.identifier == "Europe/Berlin")
        let utc = try RepeatingSchedule(parsing: "R/2026-11-25T10:00:00/PT1H", now: Self.now)
        #expect(utc.start == Self.t0)
        // An explicit offset wins for the instant; the named zone still governs calendar periods.
        let both = try RepeatingSchedule(parsing: "R/2026-11-25T10:00:00Z/P1D", timeZone: "Europe/Berlin", now: Self.now)
        #expect(both.start == Self.t0)
        #expect(both.timeZone.identifier == "Europe/Berlin")
    }

    @Test func badSchedules() {
        let shape = "expected R[n]/<start>/<period> (e.g. R/2026-11-25T10:00:00Z/PT15S or R5//P1D)"
        #expect(Self.error("") == "invalid schedule '': \(shape)")
        #expect(Self.error("R/PT1H") == "invalid schedule 'R/PT1H': \(shape)")
        #expect(Self.error("R/2026-11-25T10:00:00Z/PT1H/x") == "invalid schedule 'R/2026-11-25T10:00:00Z/PT1H/x': \(shape)")
        let count = "is not a repetition count (expected R for forever or R<n> with n ≥ 0, e.g. R5)"
        #expect(Self.error("R-1//PT1H") == "invalid schedule 'R-1//PT1H': 'R-1' \(count)")
        #expect(Self.error("X5//PT1H") == "invalid schedule 'X5//PT1H': 'X5' \(count)")
        #expect(Self.error("R5x//PT1H") == "invalid schedule 'R5x//PT1H': 'R5x' \(count)")
        #expect(Self.error("//PT1H") == "invalid schedule '//PT1H': '' \(count)")
        #expect(Self.error("R/2026-13-01T00:00:00Z/PT1H") == "invalid schedule 'R/2026-13-01T00:00:00Z/PT1H': "
            + "'2026-13-01T00:00:00Z' is not an ISO 8601 date-time (expected e.g. 2026-11-25T10:00:00Z)")
        for start in ["2026-02-29T00:00:00Z", "2026-11-25", "2026-11-25T24:00:00Z", "2026-11-25T10:60:00Z",
                      "2026-11-25T10:00:60Z", "2026-11-25 10:00:00Z", "26-11-25T10:00:00Z", "2026-11-25T10:00:00.Z",
                      "2026-11-25T10:00:00+25:00", "2026-11-25T10:00:00Zjunk", "now"] {
            let text = "R/\(start)/PT1H"
            #expect(Self.error(text) == "invalid schedule '\(text)': '\(start)' is not an ISO 8601 date-time "
                + "(expected e.g. 2026-11-25T10:00:00Z)")
        }
        #expect(Self.error("R/2026-11-25T10:00:00Z/1H") == "invalid schedule 'R/2026-11-25T10:00:00Z/1H': "
            + "'1H' is not an ISO 8601 duration (expected e.g. PT15S, P1D or P1Y2M3W4DT5H6M7.5S)")
        #expect(Self.error("R/2026-11-25T10:00:00Z/") == "invalid schedule 'R/2026-11-25T10:00:00Z/': "
            + "'' is not an ISO 8601 duration (expected e.g. PT15S, P1D or P1Y2M3W4DT5H6M7.5S)")
        #expect(Self.error("R//P20000Y") == "invalid schedule 'R//P20000Y': period 'P20000Y' is longer than 10000 years")
        #expect(Self.error("R//PT1H", timeZone: "Mars/Olympus_Mons") == "invalid schedule 'R//PT1H': "
            + "'Mars/Olympus_Mons' is not a known time zone (expected an IANA name such as Europe/Berlin or UTC)")
        #expect(Self.error("R//PT1H", timeZone: "") != nil)
        #expect(Self.error("2026-02-29T00:00:00Z") != nil)
    }

    @Test func leapDayIsAccepted() throws {
        let schedule = try RepeatingSchedule(parsing: "R1/2028-02-29T00:00:00Z/P1Y", now: Self.now)
        #expect(schedule.start == Self.date("2028-02-29T00:00:00Z"))
    }

    @Test func zeroAndNonAdvancingPeriods() {
        #expect(Self.error("R//PT0S") == "invalid schedule 'R//PT0S': period must be longer than zero")
        #expect(Self.error("R5/2026-11-25T10:00:00Z/P0D")
            == "invalid schedule 'R5/2026-11-25T10:00:00Z/P0D': period must be longer than zero")
        // Too small to move a 2026 date (Date has ~0.1 µs resolution there).
        #expect(Self.error("R/2026-11-25T10:00:00Z/PT0.000000001S") == "invalid schedule "
            + "'R/2026-11-25T10:00:00Z/PT0.000000001S': period 'PT0.000000001S' does not advance the start time")
    }

    @Test func oneShotNeedsNoPeriod() throws {
        let once = try RepeatingSchedule(parsing: "R1/2026-11-25T10:00:00Z/PT0S", now: Self.now)
        #expect(once.nextRun(after: Self.now, runsSoFar: 0) == Self.t0)
        #expect(once.nextRun(after: Self.t0, runsSoFar: 0) == nil)
        #expect(once.nextRun(after: Self.now, runsSoFar: 1) == nil)
        #expect(once.runs(from: Self.now, to: .distantFuture, limit: 10) == [Self.t0])
    }

    @Test func r0NeverRuns() throws {
        let never = try RepeatingSchedule(parsing: "R0/2026-11-25T10:00:00Z/PT1H", now: Self.now)
        #expect(never.repetitions == 0)
        #expect(never.nextRun(after: .distantPast, runsSoFar: 0) == nil)
        #expect(never.runs(from: .distantPast, to: .distantFuture, limit: 10).isEmpty)
        #expect(never.description == "R0/2026-11-25T10:00:00Z/PT1H")
        #expect(try RepeatingSchedule(parsing: "R0//PT0S", now: Self.now).nextRun(after: .distantPast, runsSoFar: 0) == nil)
    }

    // MARK: Next run

    @Test func exactlyThreeRuns() throws {
        let schedule = try RepeatingSchedule(parsing: "R3/2026-11-25T10:00:00Z/PT15S", now: Self.now)
        var runs: [Date] = []
        var last = Self.now
        while let next = schedule.nextRun(after: last, runsSoFar: runs.count) {
            runs.append(next)
            last = next
            if runs.count > 10 { break }
        }
        #expect(runs == [Self.t0, Self.t0.addingTimeInterval(15), Self.t0.addingTimeInterval(30)])
        #expect(schedule.nextRun(after: .distantPast, runsSoFar: 3) == nil)
        // runsSoFar alone also walks the sequence.
        #expect(schedule.nextRun(after: .distantPast, runsSoFar: 2) == Self.t0.addingTimeInterval(30))
        #expect(schedule.runs(from: .distantPast, to: .distantFuture, limit: 10) == runs)
    }

    @Test func afterIsExclusive() throws {
        let schedule = try RepeatingSchedule(parsing: "R/2026-11-25T10:00:00Z/PT15S", now: Self.now)
        #expect(schedule.nextRun(after: Self.t0, runsSoFar: 0) == Self.t0.addingTimeInterval(15))
        #expect(schedule.nextRun(after: Self.t0.addingTimeInterval(-0.001), runsSoFar: 0) == Self.t0)
        #expect(schedule.nextRun(after: Self.t0.addingTimeInterval(15), runsSoFar: 1) == Self.t0.addingTimeInterval(30))
        #expect(schedule.nextRun(after: Self.t0.addingTimeInterval(14.9), runsSoFar: 1) == Self.t0.addingTimeInterval(15))
    }

    @Test func foreverSkipsMissedRunsQuickly() throws {
        let schedule = try RepeatingSchedule(parsing: "R/2000-01-01T00:00:00Z/PT1S", now: Self.now)
        // ~8.6e8 runs later; found by bisection, not by walking.
        #expect(schedule.nextRun(after: Self.t0, runsSoFar: 5) == Self.t0.addingTimeInterval(1))
        #expect(schedule.nextRun(after: Self.t0.addingTimeInterval(0.5), runsSoFar: 5) == Self.t0.addingTimeInterval(1))
        let counted = try RepeatingSchedule(parsing: "R3/2000-01-01T00:00:00Z/PT1S", now: Self.now)
        // Missed runs do not use up repetitions: runsSoFar does.
        #expect(counted.nextRun(after: Self.t0, runsSoFar: 2) == Self.t0.addingTimeInterval(1))
        #expect(counted.nextRun(after: Self.t0, runsSoFar: 3) == nil)
        // ... but the schedule as written had its three runs in 2000.
        #expect(counted.runs(from: Self.t0, to: .distantFuture, limit: 5).isEmpty)
        let monthly = try RepeatingSchedule(parsing: "R/1990-01-31T00:00:00Z/P1M", now: Self.now)
        #expect(monthly.nextRun(after: Self.t0, runsSoFar: 0) == Self.date("2026-11-30T00:00:00Z"))
    }

    @Test func runsWindow() throws {
        let schedule = try RepeatingSchedule(parsing: "R/2026-11-25T10:00:00Z/PT15S", now: Self.now)
        let window = schedule.runs(from: Self.t0.addingTimeInterval(15), to: Self.t0.addingTimeInterval(60), limit: 10)
        #expect(window == [15, 30, 45].map { Self.t0.addingTimeInterval($0) })
        #expect(schedule.runs(from: Self.t0, to: .distantFuture, limit: 2) == [Self.t0, Self.t0.addingTimeInterval(15)])
        #expect(schedule.runs(from: Self.t0, to: Self.t0, limit: 5).isEmpty)
        #expect(schedule.runs(from: Self.t0, to: .distantFuture, limit: 0).isEmpty)
        #expect(schedule.runs(from: .distantPast, to: Self.t0.addingTimeInterval(1), limit: 5) == [Self.t0])
    }

    // MARK: Calendar periods

    @Test func dailyKeepsLocalTimeAcrossDSTButExactHoursDoNot() throws {
        // Europe/Berlin leaves summer time on 2026-10-25 (03:00 CEST → 02:00 CET).
        let daily = try RepeatingSchedule(parsing: "R/2026-10-24T10:00:00/P1D", timeZone: "Europe/Berlin", now: Self.now)
        #expect(daily.start == Self.date("2026-10-24T08:00:00Z"))
        let days = daily.runs(from: .distantPast, to: .distantFuture, limit: 3)
        #expect(days == ["2026-10-24T08:00:00Z", "2026-10-25T09:00:00Z", "2026-10-26T09:00:00Z"].map(Self.date))
        #expect(daily.nextRun(after: daily.start!, runsSoFar: 1) == Self.date("2026-10-25T09:00:00Z"))

        let hourly = try RepeatingSchedule(parsing: "R/2026-10-24T10:00:00/PT24H", timeZone: "Europe/Berlin", now: Self.now)
        let exact = hourly.runs(from: .distantPast, to: .distantFuture, limit: 3)
        #expect(exact == ["2026-10-24T08:00:00Z", "2026-10-25T08:00:00Z", "2026-10-26T08:00:00Z"].map(Self.date))

        // In UTC (or a fixed offset) the two agree.
        let utcDaily = try RepeatingSchedule(parsing: "R/2026-10-24T10:00:00+02:00/P1D", now: Self.now)
        #expect(utcDaily.runs(from: .distantPast, to: .distantFuture, limit: 3) == exact)
    }

    @Test func monthEndDoesNotDrift() throws {
        let monthly = try RepeatingSchedule(parsing: "R/2026-01-31T10:00:00Z/P1M", now: Self.now)
        let runs = monthly.runs(from: .distantPast, to: .distantFuture, limit: 4)
        #expect(runs == ["2026-01-31T10:00:00Z", "2026-02-28T10:00:00Z", "2026-03-31T10:00:00Z",
                         "2026-04-30T10:00:00Z"].map(Self.date))
        #expect(monthly.nextRun(after: runs[1], runsSoFar: 2) == runs[2])
        let leap = try RepeatingSchedule(parsing: "R2/2028-01-31T10:00:00Z/P1M", now: Self.now)
        #expect(leap.runs(from: .distantPast, to: .distantFuture, limit: 4)
            == ["2028-01-31T10:00:00Z", "2028-02-29T10:00:00Z"].map(Self.date))
    }

    @Test func weeklyAndDescriptionRoundTrip() throws {
        let text = "R10/2026-11-25T10:00:00.5Z/P2WT1H30M"
        let schedule = try RepeatingSchedule(parsing: text, now: Self.now)
        #expect(schedule.description == text)
        #expect(try RepeatingSchedule(parsing: schedule.description, now: Self.now) == schedule)
        #expect(schedule.nextRun(after: schedule.start!, runsSoFar: 1)
            == Self.date("2026-12-09T11:30:00.5Z"))
    }

    @Test func programmaticInit() throws {
        let schedule = try RepeatingSchedule(repetitions: 2, start: nil, period: ISODuration(hours: 1),
                                             timeZone: TimeZone(identifier: "UTC")!, now: Self.now)
        #expect(schedule.start == Self.now)
        #expect(throws: ScheduleError.self) {
            try RepeatingSchedule(repetitions: -1, start: nil, period: ISODuration(hours: 1),
                                  timeZone: TimeZone(identifier: "UTC")!, now: Self.now)
        }
    }

    @Test func dateFormatting() {
        for text in ["1970-01-01T00:00:00Z", "2026-11-25T10:00:00Z", "2000-02-29T23:59:59Z", "1969-12-31T23:59:59Z",
                     "2026-11-25T10:00:00.125Z", "1900-03-01T00:00:00Z"] {
            #expect(ISODateTime.format(Self.date(text)) == text)
        }
        #expect(Self.date("2026-11-25T10:00:00Z") == Self.t0)
    }
}
