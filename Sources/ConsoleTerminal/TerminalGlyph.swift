/// How a cell's character reaches the terminal. In a UTF-8 locale every character is written as
/// itself. Otherwise only ASCII can be: box drawing and shades go through the terminal's
/// alternate character set (VT100 line drawing, which terminals show in any locale), and other
/// characters become "?" so columns stay where the view put them.
enum TerminalGlyph: Equatable {
    /// Written with the wide-character API: the character's scalars (base and combining marks).
    case character(Character)
    /// An alternate-character-set letter ("q" is ─), drawn with A_ALTCHARSET.
    case alternateCharset(UInt8)

    static let blank = TerminalGlyph.character(" ")

    init(_ character: Character, unicode: Bool) {
        guard let first = character.unicodeScalars.first else {
            self = .blank
            return
        }
        let value = first.value
        // Controls would make curses write ^X, two columns where the view expects one.
        if value < 0x20 || (value >= 0x7F && value < 0xA0) {
            self = .blank
        } else if unicode || value < 0x80 {
            self = .character(character)
        } else if let letter = Self.alternateCharsetLetters[first] {
            self = .alternateCharset(letter)
        } else {
            self = .character("?")
        }
    }

    /// Unicode characters with a VT100 alternate-character-set stand-in (curses' ACS_* names).
    private static let alternateCharsetLetters: [Unicode.Scalar: UInt8] = {
        let pairs: [(String, Character)] = [
            ("─━═", "q"),  // ACS_HLINE
            ("│┃║", "x"),  // ACS_VLINE
            ("┌┏╔╭", "l"),  // ACS_ULCORNER
            ("┐┓╗╮", "k"),  // ACS_URCORNER
            ("└┗╚╰", "m"),  // ACS_LLCORNER
            ("┘┛╝╯", "j"),  // ACS_LRCORNER
            ("├┣╠", "t"),  // ACS_LTEE
            ("┤┫╣", "u"),  // ACS_RTEE
            ("┬┳╦", "w"),  // ACS_TTEE
            ("┴┻╩", "v"),  // ACS_BTEE
            ("┼╋╬", "n"),  // ACS_PLUS
            ("█▇▆", "0"),  // ACS_BLOCK
            ("▓▒", "a"),  // ACS_CKBOARD
            ("░", "h"),  // ACS_BOARD
            ("◆♦", "`"),  // ACS_DIAMOND
            ("·•", "~"),  // ACS_BULLET
            ("°", "f"),  // ACS_DEGREE
            ("±", "g"),  // ACS_PLMINUS
            ("≤", "y"),  // ACS_LEQUAL
            ("≥", "z"),  // ACS_GEQUAL
            ("≠", "|"),  // ACS_NEQUAL
            ("π", "{"),  // ACS_PI
            ("£", "}"),  // ACS_STERLING
            ("←", ","),  // ACS_LARROW
            ("→", "+"),  // ACS_RARROW
            ("↑", "-"),  // ACS_UARROW
            ("↓", "."),  // ACS_DARROW
        ]
        var letters: [Unicode.Scalar: UInt8] = [:]
        for (characters, letter) in pairs {
            for scalar in characters.unicodeScalars { letters[scalar] = letter.asciiValue }
        }
        return letters
    }()
}
