import CorralModel

/// Marathon's relaunch delay: after a task of an app fails, the next launch waits
/// `backoffSeconds`, then that times `backoffFactor` after each further failure, never more than
/// `maxLaunchDelaySeconds`. A task that stays up resets it.
public struct LaunchBackoff: Hashable, Sendable {
    public var backoffSeconds: Double
    public var backoffFactor: Double
    public var maxLaunchDelaySeconds: Double
    /// When the next launch may happen; nil when there is no delay.
    public private(set) var delayedUntil: ClusterInstant?
    private(set) var currentDelay: Double?

    public init(backoffSeconds: Double = 1, backoffFactor: Double = 1.15, maxLaunchDelaySeconds: Double = 300) {
        self.backoffSeconds = backoffSeconds
        self.backoffFactor = backoffFactor
        self.maxLaunchDelaySeconds = maxLaunchDelaySeconds
    }

    /// Takes an app's changed settings; a delay already running keeps its end.
    public mutating func configure(backoffSeconds: Double, backoffFactor: Double, maxLaunchDelaySeconds: Double) {
        self.backoffSeconds = backoffSeconds
        self.backoffFactor = backoffFactor
        self.maxLaunchDelaySeconds = maxLaunchDelaySeconds
    }

    /// A task failed at `now`: the next launch waits longer than the last.
    public mutating func failed(at now: ClusterInstant) {
        let delay = currentDelay.map { min($0 * backoffFactor, maxLaunchDelaySeconds) } ?? min(backoffSeconds, maxLaunchDelaySeconds)
        currentDelay = delay
        delayedUntil = now + .clampedSeconds(delay)
    }

    /// A task ran long enough (or the app was changed): launches go at once again.
    public mutating func reset() {
        currentDelay = nil
        delayedUntil = nil
    }

    public func mayLaunch(at now: ClusterInstant) -> Bool { delayedUntil.map { now >= $0 } ?? true }

    /// Seconds until the next launch may go (0 when it may go now): what the console shows as
    /// "Delayed".
    public func remaining(at now: ClusterInstant) -> Double { max(.zero, (delayedUntil ?? now) - now).seconds }
}
