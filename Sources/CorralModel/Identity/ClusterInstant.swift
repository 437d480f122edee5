/// A moment on a `ClusterClock`: a monotonic reading for deadlines, and the wall clock's reading
/// at that moment for timestamps.
///
/// Instants compare, hash and subtract on the monotonic `offset` alone, so a wall clock that
/// jumps (NTP, `date -s`) moves no deadline. `wall` is what statuses, snapshots and anything
/// persisted or sent carry; an offset means nothing outside the process that read it.
public struct ClusterInstant: InstantProtocol, Sendable, CustomStringConvertible {
    public typealias Duration = Swift.Duration

    /// Monotonic time since the clock's origin.
    public var offset: Duration
    /// The wall clock at this instant: for timestamps, never for deadlines.
    public var wall: Time

    public init(offset: Duration, wall: Time) {
        self.offset = offset
        self.wall = wall
    }

    /// `seconds` after a clock's origin, on a clock whose wall read 0 there (the Unix epoch):
    /// tests and virtual time, where both readings go together.
    public init(seconds: Double) {
        self.init(offset: .clampedSeconds(seconds, allowingNegative: true), wall: Time(seconds: seconds))
    }

    /// The origin of a clock that started at the Unix epoch.
    public static let zero = ClusterInstant(offset: .zero, wall: .zero)

    /// Moves both readings: the wall clock is assumed not to jump in between.
    public func advanced(by duration: Duration) -> ClusterInstant {
        ClusterInstant(offset: offset + duration, wall: wall + duration.seconds)
    }

    public func duration(to other: ClusterInstant) -> Duration { other.offset - offset }

    public static func + (lhs: ClusterInstant, rhs: Duration) -> ClusterInstant { lhs.advanced(by: rhs) }
    /// How long from `rhs` to `lhs`, on the monotonic reading.
    public static func - (lhs: ClusterInstant, rhs: ClusterInstant) -> Duration { rhs.duration(to: lhs) }

    public static func < (lhs: ClusterInstant, rhs: ClusterInstant) -> Bool { lhs.offset < rhs.offset }
    public static func == (lhs: ClusterInstant, rhs: ClusterInstant) -> Bool { lhs.offset == rhs.offset }
    public func hash(into hasher: inout Hasher) { hasher.combine(offset) }

    /// The instant on this clock at which the wall clock reads `time`, if it does not jump.
    public func at(wall time: Time) -> ClusterInstant { advanced(by: .clampedSeconds(time - wall, allowingNegative: true)) }

    public var description: String { "\(wall) (+\(offset))" }
}
