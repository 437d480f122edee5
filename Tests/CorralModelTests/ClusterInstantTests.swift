import CorralModel
import Testing

/// A `ClusterInstant` is a monotonic reading with the wall clock's reading beside it: it
/// compares, hashes and subtracts on the first and stamps with the second.
@Suite struct ClusterInstantTests {
    let start = ClusterInstant(offset: .seconds(100), wall: Time(seconds: 1_700_000_000))

    @Test func advancingMovesBothReadings() {
        let later = start.advanced(by: .milliseconds(1500))
        #expect(later.offset == .milliseconds(101_500))
        #expect(later.wall == Time(seconds: 1_700_000_001.5))
        #expect(start + .seconds(2) == start.advanced(by: .seconds(2)))
        #expect(later - start == .milliseconds(1500))
        #expect(start.duration(to: later) == .milliseconds(1500))
        #expect(later.duration(to: start) == .milliseconds(-1500))
    }

    @Test func orderEqualityAndHashIgnoreTheWallClock() {
        let jumpedBack = ClusterInstant(offset: .seconds(101), wall: Time(seconds: 1_600_000_000))
        #expect(start < jumpedBack)
        #expect(max(start, jumpedBack) == jumpedBack)
        let sameMoment = ClusterInstant(offset: .seconds(100), wall: Time(seconds: 0))
        #expect(sameMoment == start)
        #expect(Set([start, sameMoment]).count == 1)
        #expect(jumpedBack - start == .seconds(1))
    }

    @Test func aWallTimeIsPlacedOnTheMonotonicReading() {
        #expect(start.at(wall: Time(seconds: 1_700_000_060)) == start + .seconds(60))
        #expect(start.at(wall: Time(seconds: 1_699_999_990)) == ClusterInstant(offset: .seconds(90), wall: .zero))
        #expect(ClusterInstant(seconds: 2.5) == ClusterInstant.zero + .milliseconds(2500))
        #expect(ClusterInstant(seconds: 2.5).wall == Time(seconds: 2.5))
    }

    @Test func durationsConvertToSecondsAndClamp() {
        #expect(Duration.milliseconds(1500).seconds == 1.5)
        #expect(Duration.clampedSeconds(-3) == .zero)
        #expect(Duration.clampedSeconds(-3, allowingNegative: true) == .seconds(-3))
        #expect(Duration.clampedSeconds(.nan, allowingNegative: true) == .zero)
        #expect(Duration.clampedSeconds(.infinity) == .seconds(Duration.maximumSeconds))
    }

    @Test func theSystemClockIsMonotonicAndStampsWithTheWallClock() async throws {
        let clock = SystemClock()
        let before = clock.now
        try await clock.sleep(until: before + .milliseconds(5), tolerance: nil)
        let after = clock.now
        #expect(after - before >= .milliseconds(5))
        #expect(abs(after.wall.seconds - SystemClock.wallNow().seconds) < 5)
    }
}
