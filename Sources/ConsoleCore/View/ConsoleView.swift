import CorralModel

/// Draws the whole console for a model: header, the five panes (or a details screen), the footer,
/// and any dialog on top. Pure: the same model, theme and size give the same cells.
public enum ConsoleView {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public static func render(_ model: ConsoleModel, theme: ResolvedTheme, glyphs: Glyphs, width: Int, height: Int) -> CellBuffer {
        var canvas = Canvas(width: width, height: height, theme: theme, glyphs: glyphs)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(on: &canvas)
            return canvas.buffer
        }
        HeaderView.draw(model, on: &canvas, in: Rect(x: 0, y: 0, width: width, height: 3))
        let body = Rect(x: 0, y: 3, width: width, height: height - 4)
        if let detail = model.detail {
            DetailsView.draw(detail, model: model, on: &canvas, in: body)
        } else {
            for (pane, rect) in layout(body) { drawPane(pane, model: model, on: &canvas, in: rect) }
        }
        FooterView.draw(model, on: &canvas, in: Rect(x: 0, y: height - 1, width: width, height: 1))
        switch model.mode {
        case .launching(let form): LaunchDialogView.draw(form, on: &canvas)
        case .confirmingKill(let key, _, let killChosen): KillDialogView.draw(key, killChosen: killChosen, model: model, on: &canvas)
        case .help: HelpView.draw(on: &canvas)
        case .normal, .filtering: break
        }
        return canvas.buffer
    }

    /// Agents | Frameworks on top, Tasks | Offers in the middle, Events below.
    static func layout(_ body: Rect) -> [(Pane, Rect)] {
        let topHeight = max(6, body.height * 3 / 10)
        let middleHeight = max(6, body.height * 42 / 100)
        let bottomHeight = body.height - topHeight - middleHeight
        let leftTop = body.width / 2
        let leftMiddle = body.width * 62 / 100
        let top = body.y, middle = body.y + topHeight, bottom = middle + middleHeight
        return [
            (.agents, Rect(x: 0, y: top, width: leftTop, height: topHeight)),
            (.frameworks, Rect(x: leftTop, y: top, width: body.width - leftTop, height: topHeight)),
            (.tasks, Rect(x: 0, y: middle, width: leftMiddle, height: middleHeight)),
            (.offers, Rect(x: leftMiddle, y: middle, width: body.width - leftMiddle, height: middleHeight)),
            (.events, Rect(x: 0, y: bottom, width: body.width, height: bottomHeight)),
        ]
    }

    public static func tableData(for pane: Pane, model: ConsoleModel) -> TableData {
        switch pane {
        case .agents: AgentsPane.table(model)
        case .frameworks: FrameworksPane.table(model)
        case .tasks: TasksPane.table(model)
        case .offers: OffersPane.table(model)
        case .events: EventsPane.table(model)
        }
    }

    static func drawPane(_ pane: Pane, model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        let data = tableData(for: pane, model: model)
        let state = model.table(pane)
        let focused = model.focus == pane
        var title = "\(pane.rawValue) \(data.count)"
        if case .filtering = model.mode, focused {
            title += " · filter: \(state.filter)_"
        } else if !state.filter.isEmpty {
            title += " · filter: \(state.filter)"
        }
        let inside = canvas.box(rect, title: title, focused: focused)
        data.draw(on: &canvas, in: inside, state: state, focused: focused)
    }

    static func drawTooSmall(on canvas: inout Canvas) {
        let lines = [
            "Corral needs at least \(minimumWidth)×\(minimumHeight);",
            "this terminal is \(canvas.buffer.width)×\(canvas.buffer.height).",
            "Enlarge it, or press q to quit.",
        ]
        let top = max(0, canvas.buffer.height / 2 - 1)
        for (index, line) in lines.enumerated() {
            let x = max(0, (canvas.buffer.width - line.terminalWidth) / 2)
            canvas.text(line, x: x, y: top + index, width: canvas.buffer.width - x, role: index == 0 ? .warning : .base)
        }
    }
}
