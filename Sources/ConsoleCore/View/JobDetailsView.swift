import CorralModel

/// Enter on a job: its schedule, next run and counts, and its runs, newest first, with their
/// state, start, duration and message.
enum JobDetailsView {
    static func draw(_ name: String, model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        guard let jobs = model.jobs else {
            return DetailsView.gone("Job \(name)", ConsoleModel.notRunning(.jobs), on: &canvas, in: rect)
        }
        guard let job = jobs.first(where: { $0.name == name }) else {
            return DetailsView.gone("Job \(name)", "This job is no longer known to Jobs.", on: &canvas, in: rect)
        }
        let infoHeight = 7
        let info = canvas.box(Rect(x: rect.x, y: rect.y, width: rect.width, height: infoHeight), title: "Job \(job.name)", focused: true)
        let next: (String, ThemeRole) =
            if job.disabled { ("disabled", .muted) }
            else if let at = job.nextRun { ("\(Format.until(at - model.now)) (\(Format.clock(at)))", .base) }
            else { ("not scheduled", .muted) }
        _ = DetailsView.fields([
            ("Schedule", job.schedule, .base),
            ("Next run", next.0, next.1),
            ("Last result", job.lastResult.rawValue, job.lastResult.role),
            ("Runs", "\(job.successCount) succeeded · \(job.errorCount) failed", .base),
            ("Running now", String(job.running), job.running > 0 ? .jobRunning : .muted),
        ], on: &canvas, in: info)
        let history = historyTable(job, now: model.now)
        let box = canvas.box(Rect(x: rect.x, y: rect.y + infoHeight, width: rect.width, height: rect.height - infoHeight), title: "History \(history.count)")
        history.draw(on: &canvas, in: box, state: TableState(sortColumn: 2, descending: true), focused: false)
    }

    static func historyTable(_ job: JobRow, now: Time) -> TableData {
        let columns: [TableColumn<JobRunRow>] = [
            TableColumn("Task", .fixed(fitted(job.history.map(\.taskID), minimum: 16, maximum: 48))) { .text($0.taskID) },
            TableColumn("State", .fixed(11)) { run in
                let state = Format.taskState(named: run.state)
                return .text(state.text, state.role)
            },
            .sorted("Started", .fixed(8), by: { $0.startedAt }) { .text(Format.clock($0.startedAt)) },
            TableColumn("Took", .fixed(7), alignment: .right) { run in
                // A run in progress shows how long it has been going, in the running colour.
                .text(Format.age((run.endedAt ?? now) - run.startedAt), run.endedAt == nil ? .jobRunning : .base)
            },
            TableColumn("Message", .flexible(minimum: 10)) { .text($0.message ?? "", .muted) },
        ]
        return TableData(job.history, columns: columns, state: TableState(sortColumn: 2, descending: true), key: { $0.taskID }, search: { $0.taskID })
    }
}
