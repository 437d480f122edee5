/// How much history a console keeps: segments older than `maxAge` seconds go, and the oldest go
/// while all of them together pass `maxBytes`. A segment turns over after a twelfth of either,
/// so the history is trimmed in small steps and never holds much more than its bounds.
public struct HistoryLimits: Sendable, Equatable {
    public var maxAge: Double
    public var maxBytes: Int
    public var keyframeInterval: Double

    public static let `default` = HistoryLimits(maxAge: 3600, maxBytes: 256 << 20, keyframeInterval: 30)

    public init(maxAge: Double, maxBytes: Int, keyframeInterval: Double = 30) {
        self.maxAge = maxAge
        self.maxBytes = maxBytes
        self.keyframeInterval = keyframeInterval
    }

    public var segmentSeconds: Double { max(10, maxAge / 12) }
    public var segmentBytes: Int { max(64 << 10, maxBytes / 12) }
}
