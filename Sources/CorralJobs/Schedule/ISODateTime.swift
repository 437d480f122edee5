import Foundation

/// The start of a repeating interval: `YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh[:mm]]`.
enum ISODateTime {
    static let utc = TimeZone(secondsFromGMT: 0)!

    /// The instant, and the offset written in the text (nil when none was, so `defaultZone` applied).
    static func parse(_ part: String, in text: String,
                      defaultZone: TimeZone) throws(ScheduleError) -> (date: Date, offset: Int?) {
        let bad = ScheduleError.notADateTime(part, in: text)
        var scanner = DateTimeScanner(rest: Substring(part), bad: bad)
        let year = try scanner.number(4)
        try scanner.expect("-")
        let month = try scanner.number(2)
        try scanner.expect("-")
        let day = try scanner.number(2)
        try scanner.expect("T")
        let hour = try scanner.number(2)
        try scanner.expect(":")
        let minute = try scanner.number(2)
        let (second, fraction) = try scanner.secondsAndFraction()
        let offset = try scanner.offset()
        guard scanner.rest.isEmpty, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 59 else { throw bad }

        if let offset {
            let seconds = daysFromCivil(year: year, month: month, day: day) * 86_400
                + hour * 3_600 + minute * 60 + second - offset
            return (Date(timeIntervalSince1970: Double(seconds) + fraction), offset)
        }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let local = RepeatingSchedule.calendar(in: defaultZone).date(from: components) else { throw bad }
        return (local.addingTimeInterval(fraction), nil)
    }

    /// Reads a date-time left to right; every surprise is `bad`.
    private struct DateTimeScanner {
        var rest: Substring
        let bad: ScheduleError

        /// Exactly `digits` ASCII digits.
        mutating func number(_ digits: Int) throws(ScheduleError) -> Int {
            let head = rest.prefix(digits)
            guard head.count == digits, head.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(head)
            else { throw bad }
            rest = rest.dropFirst(digits)
            return value
        }

        mutating func expect(_ character: Character) throws(ScheduleError) {
            guard rest.first == character else { throw bad }
            rest = rest.dropFirst()
        }

        /// `[:ss[.fff]]`: the seconds (0 when absent) and their fraction.
        mutating func secondsAndFraction() throws(ScheduleError) -> (Int, Double) {
            guard rest.first == ":" else { return (0, 0) }
            rest = rest.dropFirst()
            let second = try number(2)
            guard rest.first == "." || rest.first == "," else { return (second, 0) }
            rest = rest.dropFirst()
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let fraction = Double("0." + digits) else { throw bad }
            rest = rest.dropFirst(digits.count)
            return (second, fraction)
        }

        /// `Z` or `±hh[:mm]` in seconds east of UTC; nil when the text names no offset.
        mutating func offset() throws(ScheduleError) -> Int? {
            if rest == "Z" {
                rest = ""
                return 0
            }
            guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
            rest = rest.dropFirst()
            let hours = try number(2)
            var minutes = 0
            if rest.first == ":" { rest = rest.dropFirst() }
            if !rest.isEmpty { minutes = try number(2) }
            guard hours <= 18, minutes <= 59 else { throw bad }
            return (sign == "-" ? -1 : 1) * (hours * 3_600 + minutes * 60)
        }
    }

    /// `2026-11-25T10:00:00Z`, with as many fraction digits as needed (up to nanoseconds).
    static func format(_ date: Date) -> String {
        let time = date.timeIntervalSince1970
        var whole = Int(time.rounded(.down))
        var nanos = Int(((time - Double(whole)) * 1e9).rounded())
        if nanos >= 1_000_000_000 { whole += 1; nanos -= 1_000_000_000 }
        let days = Int((Double(whole) / 86_400).rounded(.down))
        let secondOfDay = whole - days * 86_400
        let (year, month, day) = civilFromDays(days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = "\(String(format: "%04d", year))-\(two(month))-\(two(day))T"
            + "\(two(secondOfDay / 3_600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        if nanos > 0 {
            var digits = String(format: "%09d", nanos)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
