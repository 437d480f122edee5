import CorralModel

/// The top three lines: where and what the cluster is, then its totals.
enum HeaderView {
    static func draw(_ model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .header)
        let snapshot = model.snapshot
        let isolation = Set((snapshot?.agents ?? []).compactMap(\.isolation)).sorted().joined(separator: ",")
        var title = " Corral · \(model.source)"
        if !isolation.isEmpty { title += " · isolation \(isolation)" }
        if let snapshot { title += " · up \(Format.age(model.now - snapshot.startedAt))" }
        title += " · \(Format.format1(model.offerRate)) offers/s · theme \(model.themeName)"
        if model.paused { title += " · PAUSED" }
        canvas.text(title, x: rect.x, y: rect.y, width: rect.width - 10, role: .header)
        canvas.text("? help ", x: rect.maxX - 7, y: rect.y, width: 7, role: .header)
        guard let snapshot else {
            canvas.text(" Waiting for the cluster…", x: rect.x, y: rect.y + 1, role: .muted)
            return
        }

        var x = rect.x + 1
        let y1 = rect.y + 1
        let activeAgents = snapshot.agents.filter(\.active).count
        x += label("Agents", "\(snapshot.agents.count)" + (activeAgents < snapshot.agents.count ? " (\(activeAgents) active)" : ""), at: x, y: y1, on: &canvas)
        x += label("Frameworks", "\(snapshot.frameworks.count)", at: x, y: y1, on: &canvas)
        x += canvas.text("Tasks ", x: x, y: y1, role: .headerLabel)
        var counts: [TaskState: Int] = [:]
        for task in snapshot.tasks { counts[task.state, default: 0] += 1 }
        for task in snapshot.completedTasks where model.now - task.updatedAt < TasksPane.endedTaskSeconds { counts[task.state, default: 0] += 1 }
        let ordered = TaskState.allCases.filter { (counts[$0] ?? 0) > 0 }
        if ordered.isEmpty { x += canvas.text("none", x: x, y: y1, role: .muted) }
        for (index, state) in ordered.enumerated() {
            if index > 0 { x += canvas.text(" · ", x: x, y: y1, role: .muted) }
            x += canvas.text("\(counts[state]!) \(state.shortName.lowercased())", x: x, y: y1, width: rect.maxX - x, role: Format.role(of: state))
        }

        let y2 = rect.y + 2
        var total = Resources(), used = Resources(), offered = Resources()
        var cpusUsed = 0.0
        var memoryUsed = 0.0
        for agent in snapshot.agents {
            total += agent.total
            used += agent.used
            offered += agent.offered
            cpusUsed += agent.usage?.cpusUsed ?? 0
            memoryUsed += Double(agent.usage?.memoryBytes ?? 0) / 1_048_576
        }
        let half = (rect.width - 2) / 2
        resourceLine(
            "CPU", total: total.cpus, allocated: used.cpus, offered: offered.cpus, used: cpusUsed, format: Format.cpus,
            at: rect.x + 1, y: y2, width: half - 1, on: &canvas)
        resourceLine(
            "Mem", total: total.mem, allocated: used.mem, offered: offered.mem, used: memoryUsed, format: Format.megabytes,
            at: rect.x + 1 + half, y: y2, width: half - 1, on: &canvas)
    }

    private static func label(_ name: String, _ value: String, at x: Int, y: Int, on canvas: inout Canvas) -> Int {
        let used = canvas.text(name + " ", x: x, y: y, role: .headerLabel)
        return used + canvas.text(value + "   ", x: x + used, y: y)
    }

    /// `CPU ████▓▓▒▒░░░ used 1.2 · alloc 3 · offered 1 · total 6`
    private static func resourceLine(
        _ name: String, total: Double, allocated: Double, offered: Double, used: Double, format: (Double) -> String,
        at x: Int, y: Int, width: Int, on canvas: inout Canvas
    ) {
        let text = " used \(format(used)) · alloc \(format(allocated)) · offered \(format(offered)) · total \(format(total))"
        let labelWidth = canvas.text(name + " ", x: x, y: y, role: .headerLabel)
        let barWidth = max(4, width - labelWidth - text.terminalWidth)
        StackedBar(total: total, used: used, allocated: allocated, offered: offered).draw(on: &canvas, x: x + labelWidth, y: y, width: barWidth)
        canvas.text(text, x: x + labelWidth + barWidth, y: y, width: width - labelWidth - barWidth)
    }
}
