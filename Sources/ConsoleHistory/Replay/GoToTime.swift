import CorralModel

/// What "go to time" understands: a time of day (UTC, as the Events pane prints it) within the
/// history, or a step from the moment shown (`+30s`, `-2m`, `+1h`, `-90`).
public enum GoToTime {
    public static func parse(_ text: String, position: Time, start: Time) -> Time? {
        let trimmed = String(text.filter { $0 != " " })
        if let sign = trimmed.first, sign == "+" || sign == "-" {
            guard let seconds = duration(trimmed.dropFirst()) else { return nil }
            return position + (sign == "+" ? seconds : -seconds)
        }
        guard let ofDay = timeOfDay(trimmed) else { return nil }
        // That time of day on the history's first day, or on the next when it is earlier.
        let day = (start.seconds / 86400).rounded(.down) * 86400
        let candidate = Time(seconds: day + ofDay)
        return candidate < start + -1 ? candidate + 86400 : candidate
    }

    /// `14:03` or `14:03:27`, as seconds since midnight.
    private static func timeOfDay(_ text: String) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let numbers: [Int] = parts.compactMap { part in part.count <= 2 ? Int(part) : nil }
        guard numbers.count == parts.count, numbers.allSatisfy({ $0 >= 0 }) else { return nil }
        let hours = numbers[0], minutes = numbers[1], seconds = numbers.count == 3 ? numbers[2] : 0
        guard hours < 24, minutes < 60, seconds < 60 else { return nil }
        return Double(hours * 3600 + minutes * 60 + seconds)
    }

    /// `30`, `30s`, `2m`, `1h`, `1.5m`, as seconds.
    private static func duration(_ text: Substring) -> Double? {
        var number = text
        var scale = 1.0
        switch text.last {
        case "s": number = text.dropLast()
        case "m": number = text.dropLast(); scale = 60
        case "h": number = text.dropLast(); scale = 3600
        default: break
        }
        guard let value = Double(number), value.isFinite, value >= 0, value <= 10_000_000 else { return nil }
        return value * scale
    }
}
