import ConsoleCore

/// Rows of text in aligned columns, as a terminal shows them: a header row, each column as wide
/// as its widest cell (in terminal columns, so wide characters line up), two spaces apart, no
/// trailing spaces. Cells come from the wire: they are made safe to print first.
public struct TextTable: Sendable {
    public enum Alignment: Sendable {
        case left
        case right
    }

    public struct Column: Sendable {
        public var header: String
        public var alignment: Alignment

        public init(_ header: String, _ alignment: Alignment = .left) {
            self.header = header
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]] = []

    public init(_ columns: [Column]) { self.columns = columns }

    /// Adds a row; missing cells are empty, extra ones dropped.
    public mutating func append(_ cells: [String]) {
        rows.append(columns.indices.map { $0 < cells.count ? TerminalText.safe(cells[$0]) : "" })
    }

    /// The table, each line ending in a newline.
    public var text: String {
        let lines = [columns.map(\.header)] + rows
        let widths = columns.indices.map { column in lines.map { TerminalText.width($0[column]) }.max() ?? 0 }
        var text = ""
        for line in lines {
            var cells: [String] = []
            for (index, cell) in line.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - TerminalText.width(cell))
                cells.append(columns[index].alignment == .right ? padding + cell : cell + padding)
            }
            var row = cells.joined(separator: "  ")
            while row.last == " " { row.removeLast() }
            text += row + "\n"
        }
        return text
    }
}

/// Text from a server, fit to print on a terminal.
public enum TerminalText {
    /// `text` with what a terminal would act on rather than show (control characters, escape
    /// sequences' ESC, and the format characters that reorder text, such as U+202E) as `?`:
    /// a task name must not move the cursor, recolour the screen or disguise another name.
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(isUnsafe(scalar) ? "?" : scalar) }
        return String(result)
    }

    /// Columns `text` takes on a terminal.
    public static func width(_ text: String) -> Int { text.reduce(0) { $0 + $1.terminalWidth } }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
