/// A tour's caption, at the foot of the panes: the step's title, what to watch and where, and
/// how to go on. It covers the Events pane's rows, never the pane the step points at.
enum TourCaptionView {
    static func draw(_ state: TourState, on canvas: inout Canvas, above footer: Int) {
        let width = min(canvas.buffer.width - 4, 110)
        let lines = WhyView.wrap(state.step.caption, width: width - 4, hanging: "")
        let height = min(lines.count, 4) + 3
        let rect = Rect(x: (canvas.buffer.width - width) / 2, y: footer - height, width: width, height: height)
        let title = "\(state.tour.title): step \(state.index + 1) of \(state.tour.steps.count), \(state.step.title)"
        let inside = canvas.box(rect, title: title, borderRole: .dialogBorder, fillRole: .dialog)
        for (offset, line) in lines.prefix(4).enumerated() {
            _ = canvas.text(line, x: inside.x + 1, y: inside.y + offset, width: inside.width - 2, role: .dialog)
        }
        let hint = state.isAtEnd ? "← back · q quits" : "Space or → goes on · ← back"
        let revisit = state.isRevisit ? "(already done) " : ""
        let text = revisit + hint
        _ = canvas.text(text, x: inside.x + inside.width - 1 - text.terminalWidth, y: inside.y + inside.height - 1, role: .footerKey)
    }
}
