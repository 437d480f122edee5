import CorralModel

/// Durations in seconds as clients send them (`timeout_seconds`, `refuse_seconds`,
/// `failover_timeout`…): checked where they enter, since every one of them ends up in a clock's
/// sleep or a deadline, where 1e300 or NaN would trap or never fire.
extension MesosJSONObject {
    /// The longest duration Corral accepts anywhere: 100 years (`Duration.maximumSeconds`).
    public static let maximumSeconds: Double = Duration.maximumSeconds

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

