import ConsoleCore

/// Decisions about what the terminal can show, from facts the terminal reports: pure, so they are
/// tested without a terminal.
enum TerminalCapabilities {
    /// The colours the console uses. NO_COLOR (present and not empty, as no-color.org defines it)
    /// turns colours off; an explicit override wins over NO_COLOR. Neither can give more colours
    /// than the terminal has.
    static func colorSupport(override: ColorSupport?, noColor: String?, hasColors: Bool, colorCount: Int) -> ColorSupport {
        let terminal: ColorSupport =
            if !hasColors || colorCount < 8 { .none } else if colorCount >= 256 { .full256 } else { .eight }
        if let override { return min(override, terminal) }
        if let noColor, !noColor.isEmpty { return .none }
        return terminal
    }

    /// Whether the locale's codeset (nl_langinfo(CODESET)) encodes all of Unicode, so wide
    /// characters and box drawing can be written as themselves.
    static func isUnicode(codeset: String) -> Bool {
        let name = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return name == "utf8"
    }
}
