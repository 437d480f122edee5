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

/// Text widths: the ASCII fast path and the per-character one agree.
@Suite struct TextWidthTests {
    @Test func widthsCountColumnsNotBytesOrCharacters() {
        #expect("node-12.example".terminalWidth == 15)
        #expect("".terminalWidth == 0)
        #expect("a\tb".terminalWidth == 2, "a control character takes no column")
        #expect("└──┘".terminalWidth == 4)
        #expect("日本".terminalWidth == 4)
        #expect("e\u{301}".terminalWidth == 1, "a combining mark joins its letter")
    }

    @Test func everyTaskStatesOrdinalIsItsPlaceInAllCases() {
        for (index, state) in TaskState.allCases.enumerated() { #expect(state.ordinal == index, "\(state)") }
    }
}
