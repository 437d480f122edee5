import ConsoleCore

extension TerminalColor {
    /// The curses colour number for this colour on a terminal with `colorCount` colours: -1 for
    /// the default when use_default_colors worked (otherwise white text on black), and indices
    /// the terminal lacks folded to the nearest it has.
    func cursesNumber(isForeground: Bool, colorCount: Int, hasDefaultColors: Bool) -> Int32 {
        switch self {
        case .terminalDefault:
            return hasDefaultColors ? -1 : (isForeground ? 7 : 0)
        case .indexed(let index):
            return Int32(XtermPalette.nearest(to: Int(index), among: colorCount))
        }
    }
}
