import CorralModel

/// Chronos's timestamps: UTC with milliseconds and `Z` (`2026-11-25T10:00:00.000Z`), or ""
/// for never.
public enum ChronosTime {
    public static func format(_ time: Time?) -> String {
        guard let time else { return "" }
        let millis = Int64((time.seconds * 1000).rounded())
        let days = Int((Double(millis) / 86_400_000).rounded(.down))
        let millisOfDay = Int(millis - Int64(days) * 86_400_000)
        let (year, month, day) = ISODateTime.civilFromDays(days)
        let second = millisOfDay / 1000
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):"
            + "\(pad(second % 60, 2)).\(pad(millisOfDay % 1000, 3))Z"
    }
}
