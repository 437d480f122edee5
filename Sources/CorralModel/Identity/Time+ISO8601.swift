import Foundation

extension Time {
    /// UTC with milliseconds and a `Z`, as Marathon and Chronos write times
    /// (`2026-11-25T10:00:00.000Z`); their Python clients refuse a `+00:00` offset.
    public var iso8601: String {
        Date(timeIntervalSince1970: seconds).formatted(Self.iso8601Style)
    }

    /// Reads what `iso8601` writes, with or without the milliseconds.
    public init?(iso8601 text: String) {
        guard let date = (try? Self.iso8601Style.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text)) else { return nil }
        self.init(seconds: date.timeIntervalSince1970)
    }

    private static let iso8601Style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
