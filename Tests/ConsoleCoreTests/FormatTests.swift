import CorralModel
import Testing

@testable import ConsoleCore

/// What a remote master or agent reports reaches the screen: no number may stop the console.
@Suite struct FormatTests {
    @Test func numbersBeyondAnIntAreClampedNotTrapped() {
        for value in [1e300, -1e300, Double.infinity, -Double.infinity, Double.nan, 9.3e18] {
            _ = Format.cpus(value)
            _ = Format.cpusAsked(value)
            _ = Format.megabytes(value)
            _ = Format.age(value)
            _ = Format.until(value)
            _ = Format.percent(value)
            _ = Format.share(value)
            _ = Format.clock(Time(seconds: value))
        }
        #expect(Format.whole(1e300) == 1_000_000_000_000_000)
        #expect(Format.whole(.nan) == 0)
        #expect(Format.cpus(1.5) == "1.5")
    }
}
