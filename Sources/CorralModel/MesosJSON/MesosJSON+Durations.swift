/// Durations in seconds as clients send them (`timeout_seconds`, `refuse_seconds`,
/// `failover_timeout`…): checked where they enter, since every one of them ends up in a clock's
/// sleep or a deadline, where 1e300 or NaN would trap or never fire.
extension MesosJSONObject {
    /// The longest duration Corral accepts anywhere: 100 years.
    public static let maximumSeconds: Double = 100 * 365 * 24 * 3600

    /// An optional duration field: nil when absent; an error naming the field when it is not a
    /// finite number of seconds in `0...maximumSeconds`.
    public func seconds(_ key: String) throws(MesosJSONError) -> Double? {
        guard let value: Double = try optional(key) else { return nil }
        guard value.isFinite, value >= 0, value <= Self.maximumSeconds else {
            throw MesosJSONError(path: [.key(key)], problem: "expected a number of seconds from 0 to \(Int(Self.maximumSeconds)), got \(value)")
        }
        return value
    }
}

extension Duration {
    /// `seconds` as a Duration, clamped to `0...MesosJSONObject.maximumSeconds` (NaN is 0):
    /// `Duration.seconds(_:)` traps on values it cannot represent, and a wait must never trap.
    public static func clampedSeconds(_ seconds: Double) -> Duration {
        guard seconds.isFinite else { return seconds > 0 ? .seconds(MesosJSONObject.maximumSeconds) : .zero }
        return .seconds(min(max(0, seconds), MesosJSONObject.maximumSeconds))
    }
}
