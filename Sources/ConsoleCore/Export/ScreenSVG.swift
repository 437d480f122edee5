/// A screen as SVG, for slides and bug reports: every cell at its column, colours and box
/// drawing kept. Each character is placed at its own column (SVG's list of x positions), so the
/// picture keeps its grid whatever monospace font the viewer substitutes.
public enum ScreenSVG {
    /// An sRGB colour, `#rrggbb` in the file.
    public struct RGB: Hashable, Sendable {
        public var red, green, blue: UInt8
        public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) { (self.red, self.green, self.blue) = (red, green, blue) }

        var hex: String {
            let digits = Array("0123456789abcdef")
            return "#" + [red, green, blue].map { String(digits[Int($0 >> 4)]) + String(digits[Int($0 & 15)]) }.joined()
        }
    }

    /// What the terminal's own default colours become: the theme's base colours where it names
    /// them, else light text on a dark background.
    public struct Defaults: Hashable, Sendable {
        public var foreground: RGB
        public var background: RGB
        public init(foreground: RGB = RGB(0xd0, 0xd0, 0xd0), background: RGB = RGB(0x1c, 0x1c, 0x1c)) {
            self.foreground = foreground
            self.background = background
        }
    }

    static let cellWidth = 8.4
    static let cellHeight = 17.0
    static let fontSize = 14.0

    public static func render(_ buffer: CellBuffer, defaults: Defaults = Defaults()) -> String {
        let width = Double(buffer.width) * cellWidth
        let height = Double(buffer.height) * cellHeight
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(format(width))" height="\(format(height))" \
            viewBox="0 0 \(format(width)) \(format(height))" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" \
            font-size="\(format(fontSize))" xml:space="preserve">
            <rect width="100%" height="100%" fill="\(defaults.background.hex)"/>

            """
        for y in 0..<buffer.height {
            for run in runs(in: buffer, row: y) {
                svg += draw(run, y: y, defaults: defaults)
            }
        }
        return svg + "</svg>\n"
    }

    /// Cells of one row that share a style, with the characters they show.
    struct Run {
        var column: Int
        var columns: Int
        var style: CellStyle
        var text: String
    }

    static func runs(in buffer: CellBuffer, row y: Int) -> [Run] {
        var runs: [Run] = []
        for x in 0..<buffer.width {
            let cell = buffer[x, y]
            if var last = runs.last, last.style == cell.style {
                last.columns += 1
                if !cell.isContinuation { last.text.append(cell.character) }
                runs[runs.count - 1] = last
            } else {
                runs.append(Run(column: x, columns: 1, style: cell.style, text: cell.isContinuation ? "" : String(cell.character)))
            }
        }
        return runs
    }

    private static func draw(_ run: Run, y: Int, defaults: Defaults) -> String {
        var foreground = color(run.style.foreground) ?? defaults.foreground
        var background = color(run.style.background)
        if run.style.attributes.contains(.reverse) {
            (foreground, background) = (background ?? defaults.background, foreground)
        }
        let x = Double(run.column) * cellWidth
        let width = Double(run.columns) * cellWidth
        var out = ""
        if let background {
            out += "<rect x=\"\(format(x))\" y=\"\(format(Double(y) * cellHeight))\" width=\"\(format(width))\" height=\"\(format(cellHeight))\" fill=\"\(background.hex)\"/>\n"
        }
        let shown = run.text.trimmingTrailingSpaces()
        guard !shown.isEmpty else { return out }
        // Every character gets its own x: renderers that substitute a font (or ignore textLength)
        // still put each one in its cell, so box drawing joins up.
        var columns: [String] = []
        var column = run.column
        // SVG gives x per character as its viewer counts them (UTF-16 units in browsers): a
        // character of several (an emoji, a letter with its accent) repeats its x for the rest.
        for character in shown {
            let x = format(Double(column) * cellWidth)
            columns.append(contentsOf: repeatElement(x, count: max(1, character.utf16.count)))
            column += max(1, character.terminalWidth)
        }
        var attributes = "x=\"\(columns.joined(separator: " "))\" y=\"\(format(Double(y) * cellHeight + fontSize))\" fill=\"\(foreground.hex)\""
        if run.style.attributes.contains(.bold) { attributes += " font-weight=\"bold\"" }
        if run.style.attributes.contains(.italic) { attributes += " font-style=\"italic\"" }
        if run.style.attributes.contains(.underline) { attributes += " text-decoration=\"underline\"" }
        if run.style.attributes.contains(.dim) { attributes += " opacity=\"0.6\"" }
        return out + "<text \(attributes)>\(escaped(shown))</text>\n"
    }

    /// A palette colour's RGB as xterm draws it; nil for the terminal's default.
    static func color(_ color: TerminalColor) -> RGB? {
        guard case .indexed(let index) = color else { return nil }
        if index >= 16 {
            let rgb = TerminalPalette.xtermRGB(Int(index))
            return RGB(rgb.red, rgb.green, rgb.blue)
        }
        return standard[Int(index)]
    }

    /// xterm's 16 standard colours.
    static let standard: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0), RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0), RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"  // not allowed in XML at all
            default: out.append(character)
            }
        }
        return out
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

extension ScreenSVG.Defaults {
    /// The theme's base colours where it gives them exactly; the dark defaults otherwise.
    public init(theme: Theme) {
        self.init()
        if case .rgb(let red, let green, let blue)? = theme.roles[.base]?.foreground { foreground = ScreenSVG.RGB(red, green, blue) }
        if case .rgb(let red, let green, let blue)? = theme.roles[.base]?.background { background = ScreenSVG.RGB(red, green, blue) }
    }
}
