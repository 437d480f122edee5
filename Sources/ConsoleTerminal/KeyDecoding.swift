import CNCurses
import ConsoleCore

/// What ncurses' `get_wch` reads, as the console's `Key`: a pure mapping, so it is tested without a
/// terminal.
enum KeyDecoding {
    /// The key for `code`, which is a `KEY_*` code when `isKeyCode` (get_wch returned
    /// KEY_CODE_YES) and a character otherwise; nil for keys the console has no use for.
    static func key(code: UInt32, isKeyCode: Bool) -> Key? {
        isKeyCode ? key(forKeyCode: Int32(truncatingIfNeeded: code)) : key(forCharacter: code)
    }

    private static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        // The keypad's corners are home, end and the page keys when it is not in numeric mode.
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case corral_key_btab(): return .backTab
        case corral_key_resize(): return .resize
        case corral_key_f(1)...corral_key_f(12): return .function(Int(code - corral_key_f(0)))
        default: return nil
        }
    }

    private static func key(forCharacter code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26:
            // Ctrl-H, Ctrl-I, Ctrl-J and Ctrl-M are the same bytes as the keys above.
            return .control(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(code - 1))))
        case 0..<32, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }
}
