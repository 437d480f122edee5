import ConsoleCore
import Testing
@testable import ConsoleTerminal

/// The colours and characters the console uses follow what the terminal and the user say.
@Suite struct TerminalCapabilitiesTests {
    private func support(override: ColorSupport? = nil, noColor: String? = nil, hasColors: Bool = true, colors: Int) -> ColorSupport {
        TerminalCapabilities.colorSupport(override: override, noColor: noColor, hasColors: hasColors, colorCount: colors)
    }

    @Test func colourCountDecides() {
        #expect(support(colors: 256) == .full256)
        #expect(support(colors: 16_777_216) == .full256)
        #expect(support(colors: 88) == .eight)
        #expect(support(colors: 16) == .eight)
        #expect(support(colors: 8) == .eight)
        #expect(support(colors: 2) == .none)
        #expect(support(colors: -1) == .none)
    }

    @Test func aTerminalWithoutColoursHasNone() {
        #expect(support(hasColors: false, colors: 256) == .none)
    }

    @Test func noColorTurnsColoursOffWhateverItsValue() {
        #expect(support(noColor: "1", colors: 256) == .none)
        #expect(support(noColor: "0", colors: 8) == .none)
        #expect(support(noColor: "false", colors: 256) == .none)
    }

    /// no-color.org: "when present and not an empty string".
    @Test func anEmptyNoColorIsNotSet() {
        #expect(support(noColor: "", colors: 256) == .full256)
    }

    @Test func anOverrideWinsOverNoColorButAddsNoColours() {
        #expect(support(override: .full256, noColor: "1", colors: 256) == .full256)
        #expect(support(override: ColorSupport.none, colors: 256) == .none)
        #expect(support(override: .eight, colors: 256) == .eight)
        #expect(support(override: .full256, colors: 8) == .eight)
        #expect(support(override: .full256, hasColors: false, colors: 256) == .none)
    }

    @Test func unicodeCodesetsAreUTF8UnderAnySpelling() {
        #expect(TerminalCapabilities.isUnicode(codeset: "UTF-8"))
        #expect(TerminalCapabilities.isUnicode(codeset: "utf8"))
        #expect(TerminalCapabilities.isUnicode(codeset: "UTF_8"))
        #expect(!TerminalCapabilities.isUnicode(codeset: "ANSI_X3.4-1968"))
        #expect(!TerminalCapabilities.isUnicode(codeset: "ISO-8859-1"))
        #expect(!TerminalCapabilities.isUnicode(codeset: ""))
    }
}
