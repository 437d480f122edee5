extension ThemeColor {
    /// The colour a terminal with `support` draws for this one: the nearest of its 256 or 8, or
    /// its default when it has no colours.
    public func terminalColor(for support: ColorSupport) -> TerminalColor {
        switch (self, support) {
        case (.terminalDefault, _), (_, .none):
            .terminalDefault
        case (.standard(let index), .full256):
            .indexed(index)
        case (.rgb(let red, let green, let blue), .full256):
            .indexed(TerminalPalette.nearest256(red: red, green: green, blue: blue))
        case (.standard(let index), .eight):
            .indexed(index % 8)
        case (.rgb(let red, let green, let blue), .eight):
            .indexed(TerminalPalette.nearestStandard(red: red, green: green, blue: blue) % 8)
        }
    }

    /// The standard colour (0–15) standing in for this one on an 8-colour terminal, before the
    /// bright variants fold onto 0–7; nil for the terminal's default.
    var standardIndex: UInt8? {
        switch self {
        case .terminalDefault: nil
        case .standard(let index): index
        case .rgb(let red, let green, let blue): TerminalPalette.nearestStandard(red: red, green: green, blue: blue)
        }
    }
}
