/// What every view draws with: the buffer, the resolved theme and the glyph set.
public struct Canvas {
    public var buffer: CellBuffer
    public let theme: ResolvedTheme
    public let glyphs: Glyphs

    public init(width: Int, height: Int, theme: ResolvedTheme, glyphs: Glyphs) {
        self.theme = theme
        self.glyphs = glyphs
        buffer = CellBuffer(width: width, height: height, fill: Cell(" ", style: theme.style(.base)))
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: buffer.width, height: buffer.height) }

    public func style(_ role: ThemeRole) -> CellStyle { theme.style(role) }

    /// Writes text in a role's style, clipped to `width` columns (with an ellipsis when cut).
    @discardableResult
    public mutating func text(_ text: some StringProtocol, x: Int, y: Int, width: Int? = nil, role: ThemeRole = .base) -> Int {
        self.text(text, x: x, y: y, width: width, style: style(role))
    }

    @discardableResult
    public mutating func text(_ text: some StringProtocol, x: Int, y: Int, width: Int? = nil, style: CellStyle) -> Int {
        guard let width else { return buffer.write(text, x: x, y: y, style: style) }
        guard width > 0 else { return 0 }
        if text.terminalWidth <= width { return buffer.write(text, x: x, y: y, style: style, maxWidth: width) }
        let used = buffer.write(text, x: x, y: y, style: style, maxWidth: width - 1)
        return used + buffer.write(String(glyphs.ellipsis), x: x + used, y: y, style: style, maxWidth: 1)
    }

    public mutating func fill(_ rect: Rect, role: ThemeRole) {
        buffer.fill(rect, with: Cell(" ", style: style(role)))
    }

    /// A bordered box with a title; returns the inside.
    @discardableResult
    public mutating func box(_ rect: Rect, title: String, focused: Bool = false, borderRole: ThemeRole = .paneBorder, fillRole: ThemeRole? = nil) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        if let fillRole { fill(rect, role: fillRole) }
        let border = style(focused ? .focus : borderRole)
        let horizontal = String(repeating: glyphs.horizontal, count: rect.width - 2)
        buffer.write(String(glyphs.topLeft) + horizontal + String(glyphs.topRight), x: rect.x, y: rect.y, style: border)
        buffer.write(String(glyphs.bottomLeft) + horizontal + String(glyphs.bottomRight), x: rect.x, y: rect.maxY - 1, style: border)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.write(String(glyphs.vertical), x: rect.x, y: y, style: border)
            buffer.write(String(glyphs.vertical), x: rect.maxX - 1, y: y, style: border)
        }
        if !title.isEmpty, rect.width > 6 {
            var titleStyle = focused ? style(.focus) : style(.paneTitle)
            titleStyle.attributes.insert(.bold)
            text(" \(title) ", x: rect.x + 2, y: rect.y, width: rect.width - 4, style: titleStyle)
        }
        return rect.inset(by: 1)
    }
}

extension StringProtocol {
    /// Columns the text takes on a terminal.
    public var terminalWidth: Int {
        // Most of what the console writes is printable ASCII, one column a byte: counted from
        // the bytes, without forming a Character each (hostnames, IDs, numbers, every frame).
        var printableASCII = 0
        for byte in utf8 {
            guard byte >= 0x20, byte < 0x7F else {
                var total = 0
                for character in self { total += character.terminalWidth }
                return total
            }
            printableASCII += 1
        }
        return printableASCII
    }
}
