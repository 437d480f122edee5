import CNCurses
import ConsoleCore
import Testing
@testable import ConsoleTerminal

/// What get_wch reads becomes the console's keys, whether it arrives as a character or as a
/// KEY_* code.
@Suite struct KeyDecodingTests {
    private func character(_ code: UInt32) -> Key? { KeyDecoding.key(code: code, isKeyCode: false) }
    private func keyCode(_ code: Int32) -> Key? { KeyDecoding.key(code: UInt32(code), isKeyCode: true) }

    @Test func printableCharactersAreThemselves() {
        #expect(character(UInt32(UInt8(ascii: "q"))) == .character("q"))
        #expect(character(UInt32(UInt8(ascii: " "))) == .character(" "))
        #expect(character(0x6F22) == .character("漢"))
        #expect(character(0x1F600) == .character("😀"))
    }

    @Test func enterIsLineFeedCarriageReturnOrTheKeypadEnter() {
        #expect(character(10) == .enter)
        #expect(character(13) == .enter)
        #expect(keyCode(KEY_ENTER) == .enter)
    }

    @Test func backspaceIsDeleteCharacterControlHOrTheBackspaceKey() {
        #expect(character(127) == .backspace)
        #expect(character(8) == .backspace)
        #expect(keyCode(KEY_BACKSPACE) == .backspace)
        #expect(keyCode(KEY_DC) == .delete)
    }

    @Test func escapeTabAndBackTab() {
        #expect(character(27) == .escape)
        #expect(character(9) == .tab)
        #expect(keyCode(corral_key_btab()) == .backTab)
    }

    @Test func controlLettersAreTheirLowercaseLetter() {
        #expect(character(1) == .control("a"))
        #expect(character(3) == .control("c"))
        #expect(character(12) == .control("l"))
        #expect(character(26) == .control("z"))
    }

    @Test func arrowsPagesHomeAndEnd() {
        #expect(keyCode(KEY_UP) == .up)
        #expect(keyCode(KEY_DOWN) == .down)
        #expect(keyCode(KEY_LEFT) == .left)
        #expect(keyCode(KEY_RIGHT) == .right)
        #expect(keyCode(KEY_PPAGE) == .pageUp)
        #expect(keyCode(KEY_NPAGE) == .pageDown)
        #expect(keyCode(KEY_HOME) == .home)
        #expect(keyCode(KEY_END) == .end)
        #expect(keyCode(KEY_A1) == .home)
        #expect(keyCode(KEY_C3) == .pageDown)
    }

    @Test func functionKeysOneToTwelve() {
        for n in 1...12 { #expect(keyCode(corral_key_f(Int32(n))) == .function(n)) }
        #expect(keyCode(corral_key_f(0)) == nil)
        #expect(keyCode(corral_key_f(13)) == nil)
    }

    @Test func resizeIsItsOwnKey() {
        #expect(keyCode(corral_key_resize()) == .resize)
    }

    /// A key code is never read as the character with the same number: KEY_DOWN is 258, "Ă".
    @Test func keyCodesAreNotCharacters() {
        #expect(character(UInt32(KEY_DOWN)) == .character("\u{102}"))
        #expect(keyCode(Int32(UInt8(ascii: "q"))) == nil)
    }

    @Test func unusedControlsAndInvalidScalarsAreNothing() {
        #expect(character(0) == nil)
        #expect(character(28) == nil)
        #expect(character(0x85) == nil)
        #expect(character(0xD800) == nil)
        #expect(keyCode(KEY_MOUSE) == nil)
    }
}
