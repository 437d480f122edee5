/// A theme fitted to one terminal: the `CellStyle` of every role, worked out once so that the
/// view's lookups (thousands a frame) are an array index.
public struct ResolvedTheme: Hashable, Sendable {
    public let theme: Theme
    public let support: ColorSupport
    private let styles: [CellStyle]

    /// Resolves every role of `theme` for a terminal with `support`. A role's missing foreground or
    /// background is `base`'s; a role the theme lacks altogether is `base` with no attributes (the
    /// themes from a `ThemeCatalog` lack none: they have been filled from the default theme).
    public init(_ theme: Theme, support: ColorSupport) {
        let base = theme.roles[.base] ?? RoleStyle()
        self.theme = theme
        self.support = support
        styles = ThemeRole.allCases.map { role in
            let style = theme.roles[role] ?? RoleStyle()
            return Self.cellStyle(
                foreground: style.foreground ?? base.foreground ?? .terminalDefault,
                background: style.background ?? base.background ?? .terminalDefault,
                attributes: style.attributes,
                support: support
            )
        }
    }

    /// How `role` is drawn.
    @inline(__always)
    public func style(_ role: ThemeRole) -> CellStyle { styles[role.ordinal] }

    private static func cellStyle(
        foreground: ThemeColor, background: ThemeColor, attributes: CellStyle.Attributes, support: ColorSupport
    ) -> CellStyle {
        if support == .eight, let fg = foreground.standardIndex, let bg = background.standardIndex {
            return eightColorStyle(foreground: fg, background: bg, attributes: attributes)
        }
        return CellStyle(
            foreground: foreground.terminalColor(for: support),
            background: background.terminalColor(for: support),
            attributes: attributes
        )
    }

    /// Text on a background, both standard colours (0–15), fitted to an 8-colour terminal. Only
    /// the hue survives there, so text is kept readable by what is known of how terminals draw
    /// the 8: red, blue and magenta are dark, the others light; and most draw bold text in the
    /// bright variant of its colour (the rest draw it bold, no harm done).
    private static func eightColorStyle(
        foreground: UInt8, background: UInt8, attributes: CellStyle.Attributes
    ) -> CellStyle {
        var foreground = foreground
        var attributes = attributes
        let backgroundHue = background % 8
        // Black or white text on a colour (dark ink on a light blue bar, say) takes whichever of
        // the two shows on that colour as the terminal draws it.
        if [0, 7, 8, 15].contains(foreground), (1...6).contains(backgroundHue) {
            foreground = [1, 4, 5].contains(backgroundHue) ? 7 : 0
        }
        if (foreground >= 8 && backgroundHue == 0) || (foreground != background && foreground % 8 == backgroundHue) {
            // The bright colour the theme asked for lightens text on black, and keeps text that
            // folded onto its own background (bright black on black) visible.
            attributes.insert(.bold)
        } else if [2, 3, 6, 7].contains(backgroundHue) {
            // On a light background, brighter text is fainter text.
            attributes.remove(.bold)
        }
        return CellStyle(foreground: .indexed(foreground % 8), background: .indexed(backgroundHue), attributes: attributes)
    }
}
