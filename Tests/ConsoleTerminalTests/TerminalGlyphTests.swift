import Testing
@testable import ConsoleTerminal

/// Characters reach the terminal as themselves in UTF-8, and as something of the same width
/// elsewhere.
@Suite struct TerminalGlyphTests {
    @Test func inUnicodeEverythingIsItself() {
        #expect(TerminalGlyph("a", unicode: true) == .character("a"))
        #expect(TerminalGlyph("─", unicode: true) == .character("─"))
        #expect(TerminalGlyph("漢", unicode: true) == .character("漢"))
        #expect(TerminalGlyph("e\u{301}", unicode: true) == .character("e\u{301}"))
    }

    @Test func controlsAreBlankSoNoCaretSpellingShiftsTheRow() {
        #expect(TerminalGlyph("\t", unicode: true) == .blank)
        #expect(TerminalGlyph("\u{1B}", unicode: false) == .blank)
        #expect(TerminalGlyph("\u{7F}", unicode: true) == .blank)
        #expect(TerminalGlyph("\u{85}", unicode: true) == .blank)
    }

    @Test func withoutUnicodeASCIIIsItself() {
        #expect(TerminalGlyph("a", unicode: false) == .character("a"))
        #expect(TerminalGlyph("~", unicode: false) == .character("~"))
    }

    @Test func withoutUnicodeBoxDrawingAndShadesUseTheAlternateCharacterSet() {
        func letter(_ character: Character) -> TerminalGlyph { TerminalGlyph(character, unicode: false) }
        #expect(letter("─") == .alternateCharset(UInt8(ascii: "q")))
        #expect(letter("│") == .alternateCharset(UInt8(ascii: "x")))
        #expect(letter("┌") == .alternateCharset(UInt8(ascii: "l")))
        #expect(letter("╭") == .alternateCharset(UInt8(ascii: "l")))
        #expect(letter("┘") == .alternateCharset(UInt8(ascii: "j")))
        #expect(letter("┼") == .alternateCharset(UInt8(ascii: "n")))
        #expect(letter("█") == .alternateCharset(UInt8(ascii: "0")))
        #expect(letter("▒") == .alternateCharset(UInt8(ascii: "a")))
        #expect(letter("░") == .alternateCharset(UInt8(ascii: "h")))
    }

    @Test func withoutUnicodeOtherCharactersAreAQuestionMark() {
        #expect(TerminalGlyph("漢", unicode: false) == .character("?"))
        #expect(TerminalGlyph("é", unicode: false) == .character("?"))
        #expect(TerminalGlyph("😀", unicode: false) == .character("?"))
    }
}
