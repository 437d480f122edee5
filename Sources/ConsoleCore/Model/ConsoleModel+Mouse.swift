extension ConsoleModel {
    /// Rows the wheel moves the selection by, per notch.
    static let wheelStep = 3

    /// A click focuses the pane under the pointer and selects the row clicked; the wheel
    /// focuses that pane and moves its selection. Outside the panes nothing happens.
    mutating func pointed(_ event: MouseEvent) {
        guard let (pane, inside) = ConsoleView.pane(atX: event.x, y: event.y, width: event.screenWidth, height: event.screenHeight, model: self) else {
            return
        }
        focus = pane
        switch event.action {
        case .wheelUp: moveSelection(by: -Self.wheelStep)
        case .wheelDown: moveSelection(by: Self.wheelStep)
        case .click:
            let data = ConsoleView.tableData(for: pane, model: self)
            if let row = data.row(atLine: event.y, in: inside, state: table(pane)) { select(row, in: data) }
        }
    }
}
