import Foundation

/// An ISO 8601 duration, `P[n]Y[n]M[n]W[n]DT[n]H[n]M[n]S`, as Chronos schedules use it.
///
/// Years, months, weeks and days are calendar amounts (P1D across a daylight-saving change keeps
/// the wall-clock time; P1M from Jan 31 lands on the last day of February); hours, minutes and
/// seconds are exact elapsed time (PT24H is always 86 400 s). Only seconds may have a fraction
/// (`PT0.5S`, `PT1,5S`). Components are never negative.
public struct ISODuration: Hashable, Sendable, CustomStringConvertible {
    public var years: Int
    public var months: Int
    public var weeks: Int
    public var days: Int
    public var hours: Int
    public var minutes: Int
    public var seconds: Double

    /// The longest duration accepted, so that date arithmetic never overflows.
    static let maximumYears = 10_000

    public init(years: Int = 0, months: Int = 0, weeks: Int = 0, days: Int = 0,
                hours: Int = 0, minutes: Int = 0, seconds: Double = 0) {
        self.years = years
        self.months = months
        self.weeks = weeks
        self.days = days
        self.hours = hours
        self.minutes = minutes
        self.seconds = seconds
    }

    /// Reads `P…` text; throws a `ScheduleError` naming the text when it is not a duration, or
    /// when it is longer than 10 000 years.
    public init(parsing text: String) throws(ScheduleError) {
        self = try Self.parse(text, in: text)
    }

    public var isZero: Bool {
        years == 0 && months == 0 && weeks == 0 && days == 0 && hours == 0 && minutes == 0 && seconds == 0
    }

    /// Canonical text: components in order, zero ones left out, `PT0S` for nothing.
    public var description: String {
        if isZero { return "PT0S" }
        var text = "P"
        for (value, designator) in [(years, "Y"), (months, "M"), (weeks, "W"), (days, "D")] where value != 0 {
            text += "\(value)\(designator)"
        }
        if hours != 0 || minutes != 0 || seconds != 0 {
            text += "T"
            if hours != 0 { text += "\(hours)H" }
            if minutes != 0 { text += "\(minutes)M" }
            if seconds != 0 { text += "\(Self.format(seconds: seconds))S" }
        }
        return text
    }

    /// `date` moved on by this duration: years, months, weeks and days through `calendar` (its time
    /// zone decides what "the same time of day" is), then hours, minutes and seconds exactly.
    public func advance(_ date: Date, calendar: Calendar) -> Date {
        advance(date, times: 1, calendar: calendar) ?? date.addingTimeInterval(approximateSeconds)
    }

    /// `date` moved on by `times` × this duration, each component scaled (so month-end dates do not
    /// drift: Jan 31 + 2 × P1M is Mar 31). Nil when the result would be absurdly far away.
    func advance(_ date: Date, times: Int, calendar: Calendar) -> Date? {
        guard times >= 0 else { return nil }
        if times == 0 { return date }
        // Beyond a million years the calendar stops being meaningful; treat it as "never".
        guard approximateSeconds * Double(times) <= 1_000_000 * 366 * 86_400 else { return nil }
        var result = date
        let calendarDays = weeks * 7 + days
        if years != 0 || months != 0 || calendarDays != 0 {
            let components = DateComponents(year: years * times, month: months * times, day: calendarDays * times)
            guard let moved = calendar.date(byAdding: components, to: date) else { return nil }
            result = moved
        }
        let exact = (Double(hours) * 3_600 + Double(minutes) * 60 + seconds) * Double(times)
        return result.addingTimeInterval(exact)
    }

    /// Roughly how long this is in seconds (a month is 1/12 of a 365.2425-day year).
    var approximateSeconds: Double {
        let day = 86_400.0
        return Double(years) * 365.2425 * day + Double(months) * 365.2425 / 12 * day
            + Double(weeks * 7 + days) * day + Double(hours) * 3_600 + Double(minutes) * 60 + seconds
    }

    // MARK: Parsing

    static func parse(_ part: String, in text: String) throws(ScheduleError) -> ISODuration {
        let bad = ScheduleError.notADuration(part, in: text)
        var chars = Substring(part)
        guard chars.first == "P" else { throw bad }
        chars = chars.dropFirst()
        guard !chars.isEmpty else { throw bad }

        var duration = ISODuration()
        // Designators allowed next, in order; each at most once.
        let dateOrder: [Character] = ["Y", "M", "W", "D"]
        let timeOrder: [Character] = ["H", "M", "S"]
        var inTime = false
        var nextIndex = 0
        var sawTimeComponent = false
        while let first = chars.first {
            if first == "T" {
                guard !inTime else { throw bad }
                inTime = true
                nextIndex = 0
                chars = chars.dropFirst()
                guard !chars.isEmpty else { throw bad }
                continue
            }
            let number = chars.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
            chars = chars.dropFirst(number.count)
            guard let designator = chars.first, !number.isEmpty else { throw bad }
            chars = chars.dropFirst()
            let order = inTime ? timeOrder : dateOrder
            guard let index = order[nextIndex...].firstIndex(of: designator) else { throw bad }
            nextIndex = index + 1
            if inTime { sawTimeComponent = true }
            try duration.set(number, for: designator, inTime: inTime, bad: bad)
        }
        if inTime && !sawTimeComponent { throw bad }
        try duration.checkBounds(part, in: text)
        return duration
    }

    /// Sets the component `designator` names to `number`; only seconds may have a fraction.
    private mutating func set(_ number: Substring, for designator: Character, inTime: Bool, bad: ScheduleError) throws(ScheduleError) {
        if inTime && designator == "S" {
            let digits = number.replacingOccurrences(of: ",", with: ".")
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }), let value = Double(digits),
                  value.isFinite else { throw bad }
            seconds = value
            return
        }
        guard !number.contains("."), !number.contains(","), let value = Int(number) else { throw bad }
        switch (inTime, designator) {
        case (false, "Y"): years = value
        case (false, "M"): months = value
        case (false, "W"): weeks = value
        case (false, "D"): days = value
        case (true, "H"): hours = value
        case (true, "M"): minutes = value
        default: throw bad
        }
    }

    /// Every component bounded first, so the arithmetic on durations cannot overflow.
    private func checkBounds(_ part: String, in text: String) throws(ScheduleError) {
        let limit = Double(Self.maximumYears) * 365.2425 * 86_400
        let components = [years, months, weeks, days, hours, minutes]
        guard components.allSatisfy({ Double($0) <= limit }), seconds <= limit, approximateSeconds <= limit else {
            throw ScheduleError(text: text, problem: "period '\(part)' is longer than \(Self.maximumYears) years")
        }
    }

    /// Seconds without exponent or float noise: `7`, `0.5`, `0.001`, `1.000000001`.
    static func format(seconds: Double) -> String {
        if seconds == seconds.rounded(), abs(seconds) < 1e15 { return String(Int64(seconds)) }
        var text = String(format: "%.9f", seconds)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
