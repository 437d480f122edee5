/// The bottom line: the keys that work here, or what just happened.
enum FooterView {
    static func draw(_ model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        canvas.fill(rect, role: .footer)
        if let notice = model.notice {
            canvas.text(" " + notice.text, x: rect.x, y: rect.y, width: rect.width, role: notice.isError ? .error : .footer)
            return
        }
        var x = rect.x + 1
        for (key, action) in hints(model) {
            guard x < rect.maxX - 4 else { break }
            x += canvas.text(key, x: x, y: rect.y, width: rect.maxX - x, role: .footerKey)
            x += canvas.text(" \(action)  ", x: x, y: rect.y, width: rect.maxX - x, role: .footer)
        }
    }

    static func hints(_ model: ConsoleModel) -> [(String, String)] {
        switch model.mode {
        case .filtering: return [("type", "filter"), ("Enter", "keep"), ("Esc", "clear"), ("Ctrl-U", "erase")]
        case .launching: return [("Tab", "next field"), ("Enter", "launch"), ("Esc", "cancel")]
        case .confirmingKill: return [("←→", "choose"), ("Enter", "confirm choice"), ("y", "kill"), ("n/Esc", "cancel")]
        case .help: return [("any key", "close help")]
        case .normal: break
        }
        if case .task = model.detail {
            return [("Esc", "back"), ("x", "kill"), ("l", "launch"), ("t", "theme"), ("p", model.paused ? "resume" : "pause"), ("q", "quit")]
        }
        if model.detail != nil { return [("Esc", "back"), ("l", "launch"), ("t", "theme"), ("q", "quit")] }
        return [
            ("Tab", "pane"), ("↑↓", "select"), ("Enter", "details"), ("l", "launch"), ("x", "kill"), ("/", "filter"),
            ("s", "sort"), ("t", "theme"), ("p", model.paused ? "resume" : "pause"),
            ("[ ]", "refresh \(Format.cpus(model.refreshInterval))s"), ("?", "help"), ("q", "quit"),
        ]
    }
}
