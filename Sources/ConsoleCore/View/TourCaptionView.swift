/// A tour's caption: the step's title, what to watch and where, and how to go on. It sits at
/// the foot of the panes, over the Events pane's rows, unless the step points at a pane there
/// (`focus events`): then at the top of the panes. It never covers the focused pane.
enum TourCaptionView {
    /// More does not show: a tour file whose caption needs more on the smallest screen is
    /// refused (`TourParser`).
    static let maximumLines = 4

    /// The caption's lines on a screen `screenWidth` wide.
    static func lines(_ caption: String, screenWidth: Int) -> [String] {
        WhyView.wrap(caption, width: boxWidth(screenWidth) - 4, hanging: "")
    }

    private static func boxWidth(_ screenWidth: Int) -> Int { min(screenWidth - 4, 110) }

    /// `body` is where the panes are, `focused` the focused pane's place among them.
    static func draw(_ state: TourState, on canvas: inout Canvas, body: Rect, focused: Rect?) {
        let width = boxWidth(canvas.buffer.width)
        let lines = lines(state.step.caption, screenWidth: canvas.buffer.width)
        let height = min(lines.count, maximumLines) + 3
        let x = (canvas.buffer.width - width) / 2
        var rect = Rect(x: x, y: body.maxY - height, width: width, height: height)
        if let focused, !rect.intersection(focused).isEmpty { rect.y = body.y }
        let title = "\(state.tour.title): step \(state.index + 1) of \(state.tour.steps.count), \(state.step.title)"
        let inside = canvas.box(rect, title: title, borderRole: .dialogBorder, fillRole: .dialog)
        for (offset, line) in lines.prefix(maximumLines).enumerated() {
            _ = canvas.text(line, x: inside.x + 1, y: inside.y + offset, width: inside.width - 2, role: .dialog)
        }
        let hint = state.isAtEnd ? "← back · q quits" : "Space or → goes on · ← back"
        let revisit = state.isRevisit ? "(already done) " : ""
        let text = revisit + hint
        _ = canvas.text(text, x: inside.x + inside.width - 1 - text.terminalWidth, y: inside.y + inside.height - 1, role: .footerKey)
    }
}
