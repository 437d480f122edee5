/// What a theme says about one role. A colour left out (nil) is the `base` role's colour, so every
/// pane shares one background without each role repeating it.
public struct RoleStyle: Hashable, Sendable {
    public var foreground: ThemeColor?
    public var background: ThemeColor?
    public var attributes: CellStyle.Attributes

    public init(foreground: ThemeColor? = nil, background: ThemeColor? = nil, attributes: CellStyle.Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// True when the style names no colour: it draws with attributes alone.
    public var isColorless: Bool {
        (foreground ?? .terminalDefault) == .terminalDefault && (background ?? .terminalDefault) == .terminalDefault
    }
}
