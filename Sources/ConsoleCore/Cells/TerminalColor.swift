/// A colour as a terminal draws it: the terminal's own default, or an index into its palette
/// (0–7 on 8-colour terminals, 0–255 on 256-colour ones). Themes resolve hex and named colours to
/// these for the terminal at hand.
public enum TerminalColor: Hashable, Sendable {
    case terminalDefault
    case indexed(UInt8)
}

/// How many colours the terminal can show.
public enum ColorSupport: Int, Hashable, Sendable, Comparable {
    /// NO_COLOR, or a terminal without colours: attributes and glyphs only.
    case none = 0
    case eight = 8
    case full256 = 256

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
