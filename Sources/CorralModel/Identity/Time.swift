/// A point in time, in seconds since the Unix epoch: Mesos's own timestamp unit.
///
/// The master and allocator never read a clock; they are handed a `Time`, which is what makes
/// them deterministic and lets tests run a whole cluster on a manual clock.
public struct Time: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Double

    public init(seconds: Double) { self.seconds = seconds }

    public static let zero = Time(seconds: 0)

    public static func < (lhs: Time, rhs: Time) -> Bool { lhs.seconds < rhs.seconds }
    public static func + (lhs: Time, rhs: Double) -> Time { Time(seconds: lhs.seconds + rhs) }
    public static func - (lhs: Time, rhs: Time) -> Double { lhs.seconds - rhs.seconds }

    public var description: String { String(seconds) }
}
