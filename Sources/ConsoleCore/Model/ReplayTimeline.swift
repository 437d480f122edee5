import CorralModel

/// Where a replay stands, for the header's timeline: the span of the history, the moment shown,
/// the speed and whether it plays. The go-to-time dialog's text while it is open.
public struct ReplayTimeline: Hashable, Sendable {
    public var start: Time
    public var end: Time
    public var position: Time
    public var speed: Double
    public var paused: Bool
    /// What the user has typed into "go to time", while that dialog is open.
    public var goingTo: String?

    public init(start: Time, end: Time, position: Time, speed: Double, paused: Bool, goingTo: String? = nil) {
        self.start = start
        self.end = end
        self.position = position
        self.speed = speed
        self.paused = paused
        self.goingTo = goingTo
    }

    /// How far through the history the position is, 0…1.
    public var fraction: Double {
        let span = end - start
        return span > 0 ? min(1, max(0, (position - start) / span)) : 1
    }
}
