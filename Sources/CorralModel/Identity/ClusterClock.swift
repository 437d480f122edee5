#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the actors around the pure cores get the time and wait. Tests pass a manual clock and
/// move it by hand, so offer timeouts and refuse filters take microseconds to test.
public protocol ClusterClock: Sendable {
    func now() -> Time
    /// Waits until `seconds` of this clock's time have passed; throws when cancelled.
    func sleep(seconds: Double) async throws
}

/// Wall-clock time, as Mesos timestamps its statuses.
public struct SystemClock: ClusterClock {
    public init() {}

    public func now() -> Time {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Time(seconds: Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9)
    }

    public func sleep(seconds: Double) async throws {
        try await Task.sleep(for: .clampedSeconds(seconds))
    }
}
