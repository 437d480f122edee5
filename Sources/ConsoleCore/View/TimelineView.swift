import CorralModel

/// A replay's header line: playing or paused, the moment shown, a bar of the whole history
/// with the position marked, how far in, and the speed.
/// `▶ 14:03:27 ███████░░░░░░░░ 12m30s of 1h00m · 2× · replay of <source>`
enum TimelineView {
    static func draw(_ timeline: ReplayTimeline, source: String, on canvas: inout Canvas, x: Int, y: Int, width: Int) {
        let state = timeline.paused ? (timeline.position >= timeline.end ? " END " : " PAUSED ") : " \(canvas.glyphs.nextMarker) PLAYING "
        var used = canvas.text(state, x: x, y: y, role: timeline.paused ? .warning : .headerLabel)
        used += canvas.text(" \(Format.clock(timeline.position)) ", x: x + used, y: y, role: .header)
        let right = " \(Format.age(timeline.position - timeline.start)) of \(Format.age(timeline.end - timeline.start)) · \(speed(timeline.speed))× · replay of \(source)"
        let barWidth = max(10, min(60, width - used - right.terminalWidth))
        let filled = Int((timeline.fraction * Double(barWidth)).rounded(.down))
        for index in 0..<barWidth {
            let glyph = index < filled ? canvas.glyphs.barUsed : canvas.glyphs.barFree
            _ = canvas.text(String(glyph), x: x + used + index, y: y, role: index < filled ? .barUsed : .barFree)
        }
        used += barWidth
        canvas.text(right, x: x + used, y: y, width: max(0, width - used), role: .header)
    }

    /// 0.25, 0.5, 1, 16: as short as the number allows.
    static func speed(_ value: Double) -> String {
        value == value.rounded() ? String(Format.whole(value)) : Format.format2(value)
    }
}

/// `g` in a replay: the time to go to, typed.
enum GoToDialogView {
    static func draw(_ text: String, on canvas: inout Canvas) {
        let inside = centredDialog("Go to time", width: 72, height: 7, on: &canvas)
        canvas.text("A time of day (UTC, as in Events) or a step: 14:03:27, +30s, -2m", x: inside.x + 2, y: inside.y + 1, width: inside.width - 4, role: .dialog)
        let field = Rect(x: inside.x + 2, y: inside.y + 3, width: inside.width - 4, height: 1)
        canvas.fill(field, role: .dialogFieldFocused)
        let used = canvas.text(text, x: field.x, y: field.y, width: field.width - 1, role: .dialogFieldFocused)
        canvas.text("_", x: field.x + used, y: field.y, width: 1, role: .dialogFieldFocused)
        let buttons = "[ Go: Enter ]  [ Cancel: Esc ]"
        canvas.text(buttons, x: inside.x + (inside.width - buttons.terminalWidth) / 2, y: inside.maxY - 1, role: .dialogButton)
    }
}
