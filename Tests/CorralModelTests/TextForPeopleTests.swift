import Testing

@testable import CorralModel

/// How values reach messages and screens: quoted from the wire without what could harm a
/// terminal or a log, and amounts as a person writes them. The console and the master share
/// these, so they say the same thing the same way.
@Suite struct TextForPeopleTests {
    @Test func aQuotedValueKeepsOnlyPrintableASCIIAndItsStart() {
        #expect("web-1.example".printablePrefix(80) == "web-1.example")
        #expect("a\u{1B}[2Jb\nc\u{7F}é".printablePrefix(80) == "a?[2Jb?c??")
        #expect(String(repeating: "x", count: 1000).printablePrefix(80).count == 80)
        #expect("abc".printablePrefix(-1) == "")
    }

    @Test func amountsReadToTheHundredthWithoutTrailingZeros() {
        #expect(formatHundredths(2) == "2")
        #expect(formatHundredths(0.5) == "0.5")
        #expect(formatHundredths(0.25) == "0.25")
        #expect(formatHundredths(1.104) == "1.1")
        #expect(formatHundredths(0.004) == "0")
        #expect(formatHundredths(-0.5) == "-0.5")
        #expect(Shortfall(name: "mem", missing: 156).description == "156M mem")
        #expect(Shortfall(name: "cpus", missing: 0.75).description == "0.75 cpus")
        // What hundredths cannot hold is written as it is, never trapped on.
        #expect(formatHundredths(1e300) == "1e+300" && formatHundredths(.nan) == "nan")
    }
}
