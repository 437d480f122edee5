extension Duration {
    /// The longest duration Corral accepts anywhere, in seconds: 100 years.
    public static let maximumSeconds: Double = 100 * 365 * 24 * 3600

    /// `seconds` as a Duration, clamped to `0...Duration.maximumSeconds` (NaN is 0):
    /// `Duration.seconds(_:)` traps on values it cannot represent, and a wait must never trap.
    public static func clampedSeconds(_ seconds: Double) -> Duration {
        guard seconds.isFinite else { return seconds > 0 ? .seconds(maximumSeconds) : .zero }
        return .seconds(min(max(0, seconds), maximumSeconds))
    }
}
