extension Duration {
    /// The longest duration Corral accepts anywhere, in seconds: 100 years.
    public static let maximumSeconds: Double = 100 * 365 * 24 * 3600

    /// `seconds` as a Duration, clamped to `0...Duration.maximumSeconds` (NaN is 0):
    /// `Duration.seconds(_:)` traps on values it cannot represent, and a wait must never trap.
    /// With `allowingNegative`, the range is `-maximumSeconds...maximumSeconds`.
    public static func clampedSeconds(_ seconds: Double, allowingNegative: Bool = false) -> Duration {
        let floor = allowingNegative ? -maximumSeconds : 0
        guard !seconds.isNaN else { return .zero }
        guard seconds.isFinite else { return seconds > 0 ? .seconds(maximumSeconds) : .seconds(floor) }
        return .seconds(min(max(floor, seconds), maximumSeconds))
    }

    /// The duration in seconds, as Mesos's wire and Corral's flags write durations.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
