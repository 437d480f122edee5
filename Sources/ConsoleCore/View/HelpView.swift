/// `?`: every key, by where it works. One column when the terminal is tall enough; otherwise
/// the sections share two columns, so that the whole list still shows at the minimum size.
enum HelpView {
    typealias Section = (title: String, keys: [(key: String, action: String)])

    static let sections: [Section] = [
        ("Moving around", [
            ("Tab / Shift-Tab", "next / previous pane"), ("↑ ↓ / j k", "select a row"), ("PgUp PgDn Home End", "jump"),
            ("Enter", "details of the selected row"), ("Esc", "back; clear the filter"),
            // At 80×24 the help takes two columns and an action has 15 columns: it must say
            // what `w` does in that (the Why view says the rest).
            ("w", "explain the row"),
            ("click / wheel", "select a row / scroll a pane"),
        ]),
        ("Tables", [("/", "filter the focused table"), ("s / I", "next sort column / invert the order")]),
        ("Tasks", [("l", "launch a task (command, name, cpus, mem, instances)"), ("x", "kill the selected task (asks first)"), ("w", "why it waits")]),
        ("Services", [
            ("+ / -", "one instance more / fewer of the selected app"),
            ("n", "new app (id, command, resources, health check)"),
        ]),
        ("Jobs", [("r", "run the selected job now")]),
        ("Console", [
            ("t", "next theme"), ("S", "save the screen (SVG and text)"), ("p", "pause / resume updates"), ("[ ]", "refresh faster / slower"), ("?", "this help"),
            ("q", "quit (stops the embedded cluster and its tasks)"),
        ]),
    ]

    /// Lines a run of sections takes: a title, its keys and a blank line each.
    private static func height(_ sections: ArraySlice<Section>) -> Int { sections.reduce(0) { $0 + $1.keys.count + 2 } }

    static func draw(on canvas: inout Canvas) {
        let all = sections[...]
        if height(all) + 3 <= canvas.buffer.height - 2 {
            let inside = centredDialog("Keys", width: 80, height: height(all) + 3, on: &canvas)
            drawColumn(all, on: &canvas, x: inside.x + 2, y: inside.y + 1, width: inside.width - 4, keyWidth: 20)
            return
        }
        // The split that makes the taller column shortest.
        let split = (1..<sections.count).min { max(height(all[..<$0]), height(all[$0...])) < max(height(all[..<$1]), height(all[$1...])) } ?? 1
        let rows = max(height(all[..<split]), height(all[split...]))
        let inside = centredDialog("Keys", width: canvas.buffer.width, height: rows + 3, on: &canvas)
        let columnWidth = (inside.width - 4) / 2
        drawColumn(all[..<split], on: &canvas, x: inside.x + 1, y: inside.y + 1, width: columnWidth, keyWidth: keyWidth(all[..<split]))
        drawColumn(all[split...], on: &canvas, x: inside.x + 3 + columnWidth, y: inside.y + 1, width: columnWidth, keyWidth: keyWidth(all[split...]))
    }

    /// Narrow columns give their actions all the room their keys leave.
    private static func keyWidth(_ sections: ArraySlice<Section>) -> Int {
        sections.flatMap(\.keys).map(\.key.terminalWidth).max() ?? 0
    }

    private static func drawColumn(_ sections: ArraySlice<Section>, on canvas: inout Canvas, x: Int, y top: Int, width: Int, keyWidth: Int) {
        var y = top
        for (title, keys) in sections {
            canvas.text(title, x: x, y: y, width: width, role: .tableHeader)
            y += 1
            for (key, action) in keys {
                canvas.text(key, x: x + 2, y: y, width: keyWidth, role: .footerKey)
                canvas.text(action, x: x + 3 + keyWidth, y: y, width: width - 3 - keyWidth, role: .dialog)
                y += 1
            }
            y += 1
        }
    }
}
