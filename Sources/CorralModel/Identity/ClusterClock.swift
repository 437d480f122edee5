#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the actors around the pure cores get the time and wait: a Swift `Clock` whose instants
/// carry a monotonic reading for deadlines and a wall reading for timestamps. Tests pass a
/// manual clock and move it by hand, so offer timeouts and refuse filters take microseconds to
/// test.
public protocol ClusterClock: Clock, Sendable where Instant == ClusterInstant {}

/// The machine's clocks: the monotonic one (Swift's `ContinuousClock`, which counts across a
/// suspension) for deadlines and waits, the real-time one for timestamps, as Mesos stamps its
/// statuses.
public struct SystemClock: ClusterClock {
    /// Where every `SystemClock` counts its offsets from: the first reading in this process.
    private static let origin = ContinuousClock.now

    public init() {}

    public var now: ClusterInstant {
        ClusterInstant(offset: Self.origin.duration(to: .now), wall: Self.wallNow())
    }

    public var minimumResolution: Duration { ContinuousClock().minimumResolution }

    public func sleep(until deadline: ClusterInstant, tolerance: Duration? = nil) async throws {
        try await ContinuousClock().sleep(until: Self.origin.advanced(by: deadline.offset), tolerance: tolerance)
    }

    /// The real-time clock, seconds since the Unix epoch.
    public static func wallNow() -> Time {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Time(seconds: Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9)
    }
}
