import Testing
@testable import ConsoleTerminal

/// Colour pairs are made on demand, kept, and never run out into a crash.
@Suite struct ColorPairTableTests {
    private typealias Colors = ColorPairTable.Colors

    @Test func theDefaultColoursArePairZero() {
        var table = ColorPairTable(pairCount: 256)
        #expect(table.assign(Colors(foreground: -1, background: -1)) == .existing(0))
        #expect(table.allocatedCount == 0)
    }

    @Test func eachNewCombinationGetsTheNextPairOnce() {
        var table = ColorPairTable(pairCount: 256)
        let red = Colors(foreground: 196, background: -1)
        let green = Colors(foreground: 46, background: -1)
        #expect(table.assign(red) == .allocate(1))
        #expect(table.assign(green) == .allocate(2))
        #expect(table.assign(red) == .existing(1))
        #expect(table.assign(green) == .existing(2))
        #expect(table.allocatedCount == 2)
    }

    @Test func withoutDefaultColoursPairZeroIsWhiteOnBlack() {
        var table = ColorPairTable(pairCount: 64, pairZero: Colors(foreground: 7, background: 0))
        #expect(table.assign(Colors(foreground: 7, background: 0)) == .existing(0))
        #expect(table.assign(Colors(foreground: 1, background: 0)) == .allocate(1))
    }

    /// COLOR_PAIRS counts pair 0, which is not the table's to give.
    @Test func whenPairsRunOutTheNearestPairStandsIn() {
        var table = ColorPairTable(pairCount: 3)
        #expect(table.assign(Colors(foreground: 196, background: -1)) == .allocate(1))  // bright red
        #expect(table.assign(Colors(foreground: 21, background: -1)) == .allocate(2))  // blue
        // Dark red is nearest the bright red pair; a navy blue nearest the blue one.
        #expect(table.assign(Colors(foreground: 160, background: -1)) == .substitute(1))
        #expect(table.assign(Colors(foreground: 18, background: -1)) == .substitute(2))
        // The same colours get the same stand-in, and no pair beyond the capacity is handed out.
        #expect(table.assign(Colors(foreground: 160, background: -1)) == .substitute(1))
        #expect(table.allocatedCount == 2)
    }

    @Test func whenNothingIsNearerPairZeroStandsIn() {
        var table = ColorPairTable(pairCount: 2)
        #expect(table.assign(Colors(foreground: 196, background: 21)) == .allocate(1))
        #expect(table.assign(Colors(foreground: 7, background: -1)) == .substitute(0))
    }

    @Test func aTerminalWithoutPairsAlwaysUsesPairZero() {
        var table = ColorPairTable(pairCount: 0)
        #expect(table.assign(Colors(foreground: 1, background: 2)) == .substitute(0))
        var negative = ColorPairTable(pairCount: -1)
        #expect(negative.assign(Colors(foreground: 1, background: 2)) == .substitute(0))
    }

    @Test func aPairTheTerminalRefusedFallsBackToPairZero() {
        var table = ColorPairTable(pairCount: 16)
        let colors = Colors(foreground: 3, background: 4)
        #expect(table.assign(colors) == .allocate(1))
        table.discard(1)
        #expect(table.assign(colors) == .substitute(0))
        // The refused pair is not a stand-in for anything.
        var full = ColorPairTable(pairCount: 2)
        _ = full.assign(colors)
        full.discard(1)
        #expect(full.assign(Colors(foreground: 3, background: 12)) == .substitute(0))
    }
}
