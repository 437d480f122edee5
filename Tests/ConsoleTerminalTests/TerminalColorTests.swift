import ConsoleCore
import Testing
@testable import ConsoleTerminal

/// Colours a terminal lacks fold to the nearest it has; the default colour is curses' -1.
@Suite struct TerminalColorTests {
    @Test func theDefaultIsMinusOneWithDefaultColours() {
        #expect(TerminalColor.terminalDefault.cursesNumber(isForeground: true, colorCount: 256, hasDefaultColors: true) == -1)
        #expect(TerminalColor.terminalDefault.cursesNumber(isForeground: false, colorCount: 8, hasDefaultColors: true) == -1)
    }

    @Test func withoutDefaultColoursTheDefaultIsWhiteOnBlack() {
        #expect(TerminalColor.terminalDefault.cursesNumber(isForeground: true, colorCount: 8, hasDefaultColors: false) == 7)
        #expect(TerminalColor.terminalDefault.cursesNumber(isForeground: false, colorCount: 8, hasDefaultColors: false) == 0)
    }

    @Test func indicesTheTerminalHasStay() {
        #expect(TerminalColor.indexed(196).cursesNumber(isForeground: true, colorCount: 256, hasDefaultColors: true) == 196)
        #expect(TerminalColor.indexed(5).cursesNumber(isForeground: true, colorCount: 8, hasDefaultColors: true) == 5)
    }

    @Test func onEightColoursBrightColoursBecomeTheirNormalOnes() {
        for index in 8..<16 {
            #expect(TerminalColor.indexed(UInt8(index)).cursesNumber(isForeground: true, colorCount: 8, hasDefaultColors: true) == Int32(index - 8))
        }
    }

    @Test func onEightColoursTheCubeAndGreysFoldByRGB() {
        func folded(_ index: UInt8) -> Int32 { TerminalColor.indexed(index).cursesNumber(isForeground: true, colorCount: 8, hasDefaultColors: true) }
        #expect(folded(196) == 1)  // #ff0000 → red
        #expect(folded(46) == 2)  // #00ff00 → green
        #expect(folded(21) == 4)  // #0000ff → blue
        #expect(folded(226) == 3)  // #ffff00 → yellow
        #expect(folded(51) == 6)  // #00ffff → cyan
        #expect(folded(232) == 0)  // near black
        #expect(folded(255) == 7)  // near white
    }

    @Test func thePaletteIsXterms() {
        #expect(XtermPalette.rgb(16) == .init(red: 0, green: 0, blue: 0))
        #expect(XtermPalette.rgb(196) == .init(red: 255, green: 0, blue: 0))
        #expect(XtermPalette.rgb(67) == .init(red: 95, green: 135, blue: 175))
        #expect(XtermPalette.rgb(232) == .init(red: 8, green: 8, blue: 8))
        #expect(XtermPalette.rgb(255) == .init(red: 238, green: 238, blue: 238))
    }
}
