/// What one cell of a table shows. Text is the common case; bars and sparklines draw themselves.
public enum TableCell {
    case text(String, ThemeRole = .base)
    case bar(StackedBar, label: String)
    case sparkline([Double])
    /// The "offered to next" marker, in the glyph set's own character.
    case marker(Bool)
    /// A fraction of one (a dominant share) as a bar in `role`, with its number.
    case gauge(Double, role: ThemeRole, label: String)

    func draw(on canvas: inout Canvas, x: Int, y: Int, width: Int, alignment: TableColumnAlignment, selected: Bool) {
        switch self {
        case .text(let text, let role):
            var style = canvas.style(role)
            if selected { style = canvas.style(.selection).merged(over: style) }
            let shown = text.terminalWidth
            let start = alignment == .right && shown < width ? x + width - shown : x
            canvas.text(text, x: start, y: y, width: width - (start - x), style: style)
        case .bar(let bar, let label):
            let labelWidth = min(label.terminalWidth, max(0, width - 4))
            let barWidth = max(0, width - labelWidth - 1)
            bar.draw(on: &canvas, x: x, y: y, width: barWidth)
            var style = canvas.style(.base)
            if selected { style = canvas.style(.selection).merged(over: style) }
            canvas.text(label, x: x + barWidth + 1, y: y, width: labelWidth, style: style)
        case .sparkline(let values):
            Sparkline(values).draw(on: &canvas, x: x, y: y, width: width)
        case .marker(let shown):
            if shown { canvas.text(String(canvas.glyphs.nextMarker), x: x, y: y, width: width, role: .shareNext) }
        case .gauge(let fraction, let role, let label):
            let labelWidth = min(label.terminalWidth, max(0, width - 3))
            let barWidth = max(0, width - labelWidth - 1)
            let filled = min(barWidth, max(0, Format.whole((fraction * Double(barWidth)).rounded())))
            canvas.text(String(repeating: canvas.glyphs.barUsed, count: filled), x: x, y: y, role: role)
            canvas.text(String(repeating: canvas.glyphs.barFree, count: barWidth - filled), x: x + filled, y: y, role: .barFree)
            var style = canvas.style(.base)
            if selected { style = canvas.style(.selection).merged(over: style) }
            canvas.text(label, x: x + barWidth + 1, y: y, width: labelWidth, style: style)
        }
    }
}

public enum TableColumnAlignment: Sendable { case left, right }

/// A column over records of one kind: how to show a record, and how to order by this column.
public struct TableColumn<Record> {
    public enum Width { case fixed(Int), flexible(minimum: Int) }

    public var title: String
    public var width: Width
    public var alignment: TableColumnAlignment
    public var cell: (Record) -> TableCell
    /// Sorts records by this column (descending when asked); nil when the column is not sortable.
    public var order: (([Record], Bool) -> [Record])?

    public init(_ title: String, _ width: Width, alignment: TableColumnAlignment = .left, cell: @escaping (Record) -> TableCell) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.cell = cell
        self.order = nil
    }

    /// A sortable column ordered by a comparable key. Each record's key is computed once and
    /// the sort is stable, so equal keys keep the records' own order.
    public static func sorted<Key: Comparable>(
        _ title: String, _ width: Width, alignment: TableColumnAlignment = .left, by key: @escaping (Record) -> Key,
        cell: @escaping (Record) -> TableCell
    ) -> TableColumn {
        var column = TableColumn(title, width, alignment: alignment, cell: cell)
        column.order = { records, descending in
            let keys = records.map(key)
            var indices = Array(keys.indices)
            if descending {
                indices.sort { keys[$0] > keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
            } else {
                indices.sort { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
            }
            return indices.map { records[$0] }
        }
        return column
    }
}

/// Where the user is in a table: the selected row (by key, so it survives reordering), the
/// sort column and direction, and the filter.
public struct TableState: Hashable, Sendable {
    public var selectedKey: String?
    public var selectedIndex = 0
    public var sortColumn: Int
    public var descending: Bool
    public var filter = ""

    public init(sortColumn: Int = 0, descending: Bool = false) {
        self.sortColumn = sortColumn
        self.descending = descending
    }
}

/// A table's rows after filtering and sorting. Keys and cells are computed only for the rows
/// that need them (on screen, or being looked for): tables of ten thousand tasks stay cheap.
public struct TableData {
    public var titles: [String]
    public var widths: [TableColumn<Void>.Width]
    public var alignments: [TableColumnAlignment]
    public var sortable: [Bool]
    public let count: Int
    private let keyAt: (Int) -> String
    private let indexOfKey: (String) -> Int?
    public let cells: (Int) -> [TableCell]

    /// Filters `records` by `search` text, sorts them by the state's column, and keeps them for
    /// lazy formatting. `key` names a record for selection; `matches`, when given, answers
    /// "is this the record with that key?" without building every key.
    public init<Record>(
        _ records: [Record], columns: [TableColumn<Record>], state: TableState, key: @escaping (Record) -> String,
        matches: ((String) -> (Record) -> Bool)? = nil, search: (Record) -> String
    ) {
        var rows = records
        let needle = state.filter.lowercased()
        if !needle.isEmpty { rows = rows.filter { search($0).lowercased().contains(needle) } }
        if columns.indices.contains(state.sortColumn), let order = columns[state.sortColumn].order {
            rows = order(rows, state.descending)
        }
        titles = columns.map(\.title)
        widths = columns.map {
            switch $0.width {
            case .fixed(let width): .fixed(width)
            case .flexible(let minimum): .flexible(minimum: minimum)
            }
        }
        alignments = columns.map(\.alignment)
        sortable = columns.map { $0.order != nil }
        count = rows.count
        let sorted = rows
        keyAt = { key(sorted[$0]) }
        indexOfKey = { wanted in
            if let matches {
                let test = matches(wanted)
                return sorted.firstIndex(where: test)
            }
            return sorted.firstIndex { key($0) == wanted }
        }
        cells = { index in columns.map { $0.cell(sorted[index]) } }
    }

    public var isEmpty: Bool { count == 0 }

    public func key(at index: Int) -> String { keyAt(index) }

    /// The row index the state selects: its key if still present, else the nearest index.
    public func selectedRow(_ state: TableState) -> Int? {
        guard count > 0 else { return nil }
        if let key = state.selectedKey, let index = indexOfKey(key) { return index }
        return min(max(0, state.selectedIndex), count - 1)
    }

    /// The row drawn at screen line `y` when the table is drawn in `rect` with `state` (the same
    /// scrolling as `draw`); nil on the header or below the last row.
    public func row(atLine y: Int, in rect: Rect, state: TableState) -> Int? {
        let visible = rect.height - 1
        guard visible > 0, y > rect.y, y < rect.y + 1 + visible else { return nil }
        let offset = selectedRow(state).map { $0 < visible ? 0 : $0 - visible + 1 } ?? 0
        let row = offset + (y - rect.y - 1)
        return row < count ? row : nil
    }

    /// Draws header and the visible rows into `rect`, keeping the selection in view.
    public func draw(on canvas: inout Canvas, in rect: Rect, state: TableState, focused: Bool) {
        guard rect.height >= 1, rect.width >= 1 else { return }
        let columnWidths = layoutWidths(total: rect.width)
        var x = rect.x
        // Columns past the right edge are clipped, never drawn over the neighbouring pane.
        for (index, title) in titles.enumerated() where x < rect.maxX {
            var heading = title
            if index == state.sortColumn, sortable[index] {
                heading += String(state.descending ? canvas.glyphs.sortDescending : canvas.glyphs.sortAscending)
            }
            let width = min(columnWidths[index], rect.maxX - x)
            let start = alignments[index] == .right ? x + max(0, width - heading.terminalWidth) : x
            canvas.text(heading, x: start, y: rect.y, width: width - (start - x), role: .tableHeader)
            x += width + 1
        }
        let visible = rect.height - 1
        guard visible > 0 else { return }
        if isEmpty {
            canvas.text(state.filter.isEmpty ? "(none)" : "(nothing matches '\(state.filter)')", x: rect.x, y: rect.y + 1, width: rect.width, role: .muted)
            return
        }
        let selected = selectedRow(state)
        let offset = selected.map { $0 < visible ? 0 : $0 - visible + 1 } ?? 0
        for row in offset..<min(count, offset + visible) {
            let y = rect.y + 1 + row - offset
            let isSelected = focused && row == selected
            if isSelected { canvas.buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: Cell(" ", style: canvas.style(.selection))) }
            var x = rect.x
            for (index, cell) in cells(row).enumerated() where x < rect.maxX {
                cell.draw(on: &canvas, x: x, y: y, width: min(columnWidths[index], rect.maxX - x), alignment: alignments[index], selected: isSelected)
                x += columnWidths[index] + 1
            }
        }
        if count > visible {
            let position = "\((selected ?? 0) + 1)/\(count)"
            canvas.text(position, x: rect.maxX - position.count, y: rect.y, role: .muted)
        }
    }

    /// Fixed columns get their width; flexible ones share what is left (at least their minimum).
    func layoutWidths(total: Int) -> [Int] {
        let gaps = max(0, widths.count - 1)
        var fixed = 0
        var flexibleCount = 0
        for width in widths {
            switch width {
            case .fixed(let value): fixed += value
            case .flexible: flexibleCount += 1
            }
        }
        let spare = max(0, total - gaps - fixed)
        var remaining = spare
        return widths.enumerated().map { index, width in
            switch width {
            case .fixed(let value):
                return value
            case .flexible(let minimum):
                flexibleCount -= 1
                let share = flexibleCount == 0 ? remaining : spare / max(1, widths.filter { if case .flexible = $0 { true } else { false } }.count)
                remaining -= share
                return max(minimum, share)
            }
        }
    }
}

extension CellStyle {
    /// This style on top of `base`: its colours where it has them, both sets of attributes.
    public func merged(over base: CellStyle) -> CellStyle {
        CellStyle(
            foreground: foreground == .terminalDefault ? base.foreground : foreground,
            background: background == .terminalDefault ? base.background : background,
            attributes: attributes.union(base.attributes))
    }
}
