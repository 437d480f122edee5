import CorralModel

/// A box centred on the screen, filled in the dialog's colours; returns its inside.
func centredDialog(_ title: String, width: Int, height: Int, on canvas: inout Canvas) -> Rect {
    let width = min(width, canvas.buffer.width - 2)
    let height = min(height, canvas.buffer.height - 2)
    let rect = Rect(x: (canvas.buffer.width - width) / 2, y: (canvas.buffer.height - height) / 2, width: width, height: height)
    return canvas.box(rect, title: title, borderRole: .dialogBorder, fillRole: .dialog)
}

/// A form's dialog (`l` launch, `n` new app): a field per line with its label, the cursor in
/// the focused one, placeholders in empty ones, and the problems of the last Enter inside.
enum FormDialogView {
    static func draw<Form: FormDialog>(_ form: Form, on canvas: inout Canvas) {
        let fields = Form.Field.allCases
        let inside = centredDialog(form.title, width: 72, height: fields.count + 6 + form.errors.count, on: &canvas)
        var y = inside.y + 1
        let labelWidth = (fields.map(\.label.terminalWidth).max() ?? 0) + 2
        for field in fields {
            let focused = form.focused == field
            canvas.text(field.label, x: inside.x + 2, y: y, width: labelWidth, role: .dialog)
            let fieldX = inside.x + 2 + labelWidth + 1
            let fieldWidth = inside.maxX - fieldX - 2
            canvas.fill(Rect(x: fieldX, y: y, width: fieldWidth, height: 1), role: focused ? .dialogFieldFocused : .dialogField)
            var value = form[field]
            if value.isEmpty, !focused, let placeholder = form.placeholder(for: field) { value = placeholder }
            // Long values show their end, where typing happens.
            let visible = String(value.suffix(max(0, fieldWidth - 1)))
            let used = canvas.text(visible, x: fieldX, y: y, width: fieldWidth, role: focused ? .dialogFieldFocused : .dialogField)
            if focused { canvas.text("_", x: fieldX + used, y: y, width: 1, role: .dialogFieldFocused) }
            y += 1
        }
        y += 1
        for error in form.errors {
            canvas.text(error, x: inside.x + 2, y: y, width: inside.width - 4, role: .error)
            y += 1
        }
        let buttons = "[ \(form.submitLabel): Enter ]  [ Cancel: Esc ]"
        canvas.text(buttons, x: inside.x + (inside.width - buttons.terminalWidth) / 2, y: inside.maxY - 1, role: .dialogButton)
    }
}

/// `x`: kill only after a confirmation whose default is Cancel.
enum KillDialogView {
    static func draw(_ key: TaskKey, killChosen: Bool, model: ConsoleModel, on canvas: inout Canvas) {
        let inside = centredDialog("Kill task", width: 60, height: 7, on: &canvas)
        let task = model.snapshot?.task(key)
        canvas.text("Kill task \(key.taskID)?", x: inside.x + 2, y: inside.y + 1, width: inside.width - 4, role: .dialog)
        if let task {
            canvas.text("\(task.name) · \(task.state.shortName) · \(task.resources.unallocated())", x: inside.x + 2, y: inside.y + 2, width: inside.width - 4, role: .muted)
        }
        let cancel = "[ Cancel ]", kill = "[ Kill ]"
        let total = cancel.count + 4 + kill.count
        let x = inside.x + (inside.width - total) / 2
        canvas.text(cancel, x: x, y: inside.maxY - 1, role: killChosen ? .dialogButton : .dialogButtonFocused)
        canvas.text(kill, x: x + cancel.count + 4, y: inside.maxY - 1, role: killChosen ? .dialogButtonFocused : .dialogButton)
    }
}
