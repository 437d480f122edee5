import CorralModel

/// Draws the whole console for a model: header, the seven panes (or a details screen), the footer,
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
        let panes = layout(body, compactFrameworks: model.services == nil && model.jobs == nil)
        if let detail = model.detail {
            DetailsView.draw(detail, model: model, on: &canvas, in: body)
        } else {
            for (pane, rect) in panes { drawPane(pane, model: model, on: &canvas, in: rect) }
        }
        FooterView.draw(model, on: &canvas, in: Rect(x: 0, y: height - 1, width: width, height: 1))
        if let tour = model.tour, model.detail == nil {
            TourCaptionView.draw(tour, on: &canvas, body: body, focused: panes.first { $0.0 == model.focus }?.1)
        }
        switch model.mode {
        case .launching(let form): FormDialogView.draw(form, on: &canvas)
        case .creatingApp(let form): FormDialogView.draw(form, on: &canvas)
        case .confirmingKill(let key, _, let killChosen): KillDialogView.draw(key, killChosen: killChosen, model: model, on: &canvas)
        case .help: HelpView.draw(on: &canvas)
        case .normal, .filtering: break
        }
        if let text = model.replay?.goingTo { GoToDialogView.draw(text, on: &canvas) }
        return canvas.buffer
    }

    /// Agents | Frameworks on top, Tasks | Offers in the middle, Services | Jobs below them and
    /// Events at the bottom. While neither Services nor Jobs runs, their row shrinks to the one
    /// line that says so, and the other panes get the room back.
    static func layout(_ body: Rect, compactFrameworks: Bool) -> [(Pane, Rect)] {
        let frameworksHeight = compactFrameworks ? 3 : max(5, body.height * 24 / 100)
        let rest = body.height - frameworksHeight
        let topHeight = max(5, rest * 3 / 10)
        // Events may go down to one line at the minimum size, so that Tasks keeps three.
        let eventsHeight = max(4, rest * 28 / 100)
        let middleHeight = rest - topHeight - eventsHeight
        let leftTop = body.width / 2
        let leftMiddle = body.width * 62 / 100
        let top = body.y, middle = top + topHeight, frameworks = middle + middleHeight, bottom = frameworks + frameworksHeight
        return [
            (.agents, Rect(x: 0, y: top, width: leftTop, height: topHeight)),
            (.frameworks, Rect(x: leftTop, y: top, width: body.width - leftTop, height: topHeight)),
            (.tasks, Rect(x: 0, y: middle, width: leftMiddle, height: middleHeight)),
            (.offers, Rect(x: leftMiddle, y: middle, width: body.width - leftMiddle, height: middleHeight)),
            (.services, Rect(x: 0, y: frameworks, width: leftTop, height: frameworksHeight)),
            (.jobs, Rect(x: leftTop, y: frameworks, width: body.width - leftTop, height: frameworksHeight)),
            (.events, Rect(x: 0, y: bottom, width: body.width, height: eventsHeight)),
        ]
    }

    /// The pane drawn at (x, y) on a screen of `width` × `height`, with the inside of its box
    /// (where its table is drawn); nil outside the panes or on a details screen.
    static func pane(atX x: Int, y: Int, width: Int, height: Int, model: ConsoleModel) -> (pane: Pane, inside: Rect)? {
        guard width >= minimumWidth, height >= minimumHeight, model.detail == nil else { return nil }
        let body = Rect(x: 0, y: 3, width: width, height: height - 4)
        let panes = layout(body, compactFrameworks: model.services == nil && model.jobs == nil)
        guard let (pane, rect) = panes.first(where: { x >= $0.1.minX && x < $0.1.maxX && y >= $0.1.minY && y < $0.1.maxY }) else { return nil }
        return (pane, rect.inset(by: 1))
    }

    public static func tableData(for pane: Pane, model: ConsoleModel) -> TableData {
        switch pane {
        case .agents: AgentsPane.table(model)
        case .frameworks: FrameworksPane.table(model)
        case .tasks: TasksPane.table(model)
        case .offers: OffersPane.table(model)
        case .services: ServicesPane.table(model)
        case .jobs: JobsPane.table(model)
        case .events: EventsPane.table(model)
        }
    }

    static func drawPane(_ pane: Pane, model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        if (pane == .services && model.services == nil) || (pane == .jobs && model.jobs == nil) {
            let inside = canvas.box(rect, title: pane.rawValue, focused: model.focus == pane)
            canvas.text(ConsoleModel.notRunning(pane), x: inside.x + 1, y: inside.y, width: inside.width - 1, role: .muted)
            return
        }
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
