import Foundation

/// A Chronos schedule: an ISO 8601 repeating interval `R[n]/<start>/<period>`.
///
/// - `R` repeats forever, `R5` runs five times, `R0` never runs.
/// - An empty start (`R//PT1H`) means "now", which the caller passes in.
/// - The start is `2026-11-25T10:00:00Z`, with an offset (`+01:00`) or none; without one it is
///   wall-clock time in the schedule's time zone (default UTC).
/// - Runs are `start + k × period` for k = 0, 1, 2 … with each period component scaled, computed
///   in the schedule's time zone: P1D keeps the local time of day across daylight-saving changes,
///   PT24H does not, and P1M from Jan 31 gives Feb 28, Mar 31, Apr 30 (no month-end drift).
public struct RepeatingSchedule: Hashable, Sendable, CustomStringConvertible {
    /// How many runs in all; nil for forever.
    public let repetitions: Int?
    /// The first run. Always set by the initialisers (an empty start becomes `now`).
    public let start: Date?
    public let period: ISODuration
    /// The zone calendar periods are counted in: the named `scheduleTimeZone`, else the start's
    /// offset, else UTC.
    public let timeZone: TimeZone

    /// Reads `R[n]/<start>/<period>`. `timeZone` is an IANA name (`Europe/Berlin`); it places a
    /// start without offset and governs calendar periods. `now` stands in for an empty start.
    public init(parsing text: String, timeZone: String? = nil, now: Date) throws(ScheduleError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw ScheduleError(text: text, problem:
                "expected R[n]/<start>/<period> (e.g. R/2026-11-25T10:00:00Z/PT15S or R5//P1D)")
        }

        let repetitions: Int?
        let count = parts[0].dropFirst()
        if parts[0] == "R" {
            repetitions = nil
        } else if parts[0].hasPrefix("R"), count.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(count) {
            repetitions = n
        } else {
            throw ScheduleError(text: text, problem:
                "'\(parts[0])' is not a repetition count (expected R for forever or R<n> with n ≥ 0, e.g. R5)")
        }

        var zone: TimeZone?
        if let timeZone {
            guard let named = TimeZone(identifier: timeZone) else {
                throw ScheduleError(text: text, problem:
                    "'\(timeZone)' is not a known time zone (expected an IANA name such as Europe/Berlin or UTC)")
            }
            zone = named
        }

        var start = now
        if !parts[1].isEmpty {
            let parsed = try ISODateTime.parse(parts[1], in: text, defaultZone: zone ?? ISODateTime.utc)
            start = parsed.date
            if zone == nil, let offset = parsed.offset { zone = TimeZone(secondsFromGMT: offset) }
        }

        let period = try ISODuration.parse(parts[2], in: text)
        try self.init(repetitions: repetitions, start: start, period: period,
                      timeZone: zone ?? ISODateTime.utc, text: text)
    }

    /// A schedule from its parts, checked like a parsed one; a nil `start` means `now`.
    public init(repetitions: Int?, start: Date?, period: ISODuration, timeZone: TimeZone,
                now: Date) throws(ScheduleError) {
        let text = Self.text(repetitions: repetitions, start: start ?? now, period: period)
        try self.init(repetitions: repetitions, start: start ?? now, period: period, timeZone: timeZone, text: text)
    }

    private init(repetitions: Int?, start: Date, period: ISODuration, timeZone: TimeZone,
                 text: String) throws(ScheduleError) {
        if let repetitions, repetitions < 0 {
            throw ScheduleError(text: text, problem: "repetitions must not be negative")
        }
        // One run (or none) needs no period, as in Chronos's `R1//PT0S`; more do.
        let repeats = repetitions.map { $0 > 1 } ?? true
        if repeats {
            if period.isZero {
                throw ScheduleError(text: text, problem: "period must be longer than zero")
            }
            let calendar = Self.calendar(in: timeZone)
            guard let next = period.advance(start, times: 1, calendar: calendar), next > start else {
                throw ScheduleError(text: text, problem: "period '\(period)' does not advance the start time")
            }
        }
        self.repetitions = repetitions
        self.start = start
        self.period = period
        self.timeZone = timeZone
    }

    /// `R[n]/<start in UTC>/<period>`; the time zone is not part of the text.
    public var description: String {
        Self.text(repetitions: repetitions, start: start, period: period)
    }

    /// The run to start next: the earliest run time strictly after `date` that is also no earlier
    /// than run number `runsSoFar` (counting from 0 at `start`). Nil once `runsSoFar` reaches the
    /// repetitions. Runs missed while nobody was looking are skipped and do not use up repetitions.
    public func nextRun(after date: Date, runsSoFar: Int) -> Date? {
        let done = max(0, runsSoFar)
        if let repetitions, done >= repetitions { return nil }
        guard let index = firstRun(from: done, where: { $0 > date }) else { return nil }
        return run(index)
    }

    /// The schedule's run times in `from ..< to`, at most `limit` of them, oldest first; the
    /// repetitions count from `start` (run k exists only for k < n).
    public func runs(from: Date, to: Date, limit: Int) -> [Date] {
        guard limit > 0, from < to, let first = firstRun(from: 0, where: { $0 >= from }) else { return [] }
        var result: [Date] = []
        var index = first
        while result.count < limit, repetitions.map({ index < $0 }) ?? true,
              let date = run(index), date < to {
            if result.last.map({ date > $0 }) ?? true { result.append(date) }
            index += 1
        }
        return result
    }

    // MARK: Run arithmetic

    /// Run number `index`: start + index × period in the schedule's time zone.
    func run(_ index: Int) -> Date? {
        guard let start else { return nil }
        if index == 0 { return start }
        return period.advance(start, times: index, calendar: Self.calendar(in: timeZone))
    }

    /// The smallest run number ≥ `lower` whose time satisfies `predicate` (which must flip from false
    /// to true only once as runs get later). Gallops then bisects, so far-away dates cost O(log n).
    private func firstRun(from lower: Int, where predicate: (Date) -> Bool) -> Int? {
        // A run too far away to compute counts as "satisfies" but is never returned.
        func satisfies(_ index: Int) -> Bool { run(index).map(predicate) ?? true }
        if let repetitions, repetitions <= 1 || period.isZero {
            return lower == 0 && satisfies(0) && run(0) != nil ? 0 : nil
        }
        var low = lower
        var high = lower
        var step = 1
        while !satisfies(high) {
            low = high + 1
            guard step < 1 << 52 else { return nil }
            high += step
            step *= 2
        }
        while low < high {
            let middle = low + (high - low) / 2
            if satisfies(middle) { high = middle } else { low = middle + 1 }
        }
        return run(low) == nil ? nil : low
    }

    static func calendar(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private static func text(repetitions: Int?, start: Date?, period: ISODuration) -> String {
        let count = repetitions.map { "R\($0)" } ?? "R"
        let startText = start.map(ISODateTime.format) ?? ""
        return "\(count)/\(startText)/\(period)"
    }
}
