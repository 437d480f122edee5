import CNCurses
import ConsoleCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A cell style as curses draws it.
struct Rendition {
    var attributes: attr_t
    var pair: Int32
}

extension NcursesTerminal {
    /// Writes `runs` (from `CellBuffer.changes(since:)`) into the screen; `refresh()` shows them.
    /// A run that starts with a wide character's continuation keeps the character drawn before it.
    public func draw(_ runs: [CellRun]) {
        guard let window else { return }
        checkThread()
        for run in runs {
            var coveredUntil = run.x
            for (offset, cell) in run.cells.enumerated() {
                let x = run.x + offset
                if cell.isContinuation, offset == 0 || x < coveredUntil { continue }
                let glyph = cell.isContinuation ? .blank : TerminalGlyph(cell.character, unicode: supportsUnicode)
                coveredUntil = x + put(glyph, window: window, x: x, y: run.y, rendition: rendition(for: cell.style))
            }
        }
    }

    /// Shows what `draw` wrote: the terminal receives only what changed on it.
    public func refresh() {
        guard let window else { return }
        checkThread()
        wrefresh(window)
    }

    /// Makes the next `refresh()` clear the terminal and repaint every cell from what has been
    /// drawn, for when something else wrote to the terminal (Ctrl-L).
    public func clear() {
        guard window != nil else { return }
        checkThread()
        clearok(corral_curscr(), true)
    }

    /// Draws one glyph at (x, y); returns the columns the terminal gives it.
    private func put(_ glyph: TerminalGlyph, window: UnsafeMutablePointer<WINDOW>, x: Int, y: Int, rendition: Rendition) -> Int {
        var attributes = rendition.attributes
        scratch.removeAll(keepingCapacity: true)
        switch glyph {
        case .alternateCharset(let letter):
            attributes |= corral_attr_altcharset()
            scratch.append(wchar_t(letter))
        case .character(let character):
            for scalar in character.unicodeScalars { scratch.append(wchar_t(bitPattern: scalar.value)) }
        }
        var columns = 1
        if case .character = glyph {
            columns = Int(corral_wcwidth(UInt32(bitPattern: scratch[0])))
            // Not printable in this locale: curses would spell it out over several columns.
            if columns < 1 {
                scratch = [supportsUnicode ? 0xFFFD : wchar_t(UInt8(ascii: "?"))]
                columns = 1
            }
        }
        _ = scratch.withUnsafeBufferPointer { characters in
            corral_put_cell(window, Int32(y), Int32(x), characters.baseAddress, Int32(characters.count), attributes, rendition.pair)
        }
        return columns
    }

    func rendition(for style: CellStyle) -> Rendition {
        if style == lastStyle { return lastRendition }
        var attributes = corral_attr_normal()
        if style.attributes.contains(.bold) { attributes |= corral_attr_bold() }
        if style.attributes.contains(.dim) { attributes |= corral_attr_dim() }
        if style.attributes.contains(.underline) { attributes |= corral_attr_underline() }
        if style.attributes.contains(.reverse) { attributes |= corral_attr_reverse() }
        if style.attributes.contains(.italic) { attributes |= corral_attr_italic() }
        var pair: Int32 = 0
        if colorSupport != .none {
            let colors = ColorPairTable.Colors(
                foreground: style.foreground.cursesNumber(isForeground: true, colorCount: colorCount, hasDefaultColors: hasDefaultColors),
                background: style.background.cursesNumber(isForeground: false, colorCount: colorCount, hasDefaultColors: hasDefaultColors))
            let assignment = pairs.assign(colors)
            pair = assignment.pair
            if case .allocate = assignment, init_extended_pair(pair, colors.foreground, colors.background) == ERR {
                pairs.discard(pair)
                pair = 0
            }
        }
        lastStyle = style
        lastRendition = Rendition(attributes: attributes, pair: pair)
        return lastRendition
    }
}
