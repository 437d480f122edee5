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
        if let replay = model.replay {
            TimelineView.draw(replay, source: model.source, on: &canvas, x: rect.x, y: rect.y, width: rect.width - 8)
        } else {
            canvas.text(title, x: rect.x, y: rect.y, width: rect.width - 10, role: .header)
        }
        canvas.text("? help ", x: rect.maxX - 7, y: rect.y, width: 7, role: .header)
        guard let snapshot else {
            canvas.text(" Waiting for the cluster…", x: rect.x, y: rect.y + 1, role: .muted)
            return
        }

        var x = rect.x + 1
        let y1 = rect.y + 1
        let activeAgents = snapshot.agents.indices.reduce(0) { $0 + (snapshot.agents[$1].active ? 1 : 0) }
        x += label("Agents", "\(snapshot.agents.count)" + (activeAgents < snapshot.agents.count ? " (\(activeAgents) active)" : ""), at: x, y: y1, on: &canvas)
        x += label("Frameworks", "\(snapshot.frameworks.count)", at: x, y: y1, on: &canvas)
        x += canvas.text("Tasks ", x: x, y: y1, role: .headerLabel)
        let counts = stateCounts(snapshot, now: model.now)
        let ordered = TaskState.allCases.indices.filter { counts[$0] > 0 }
        if ordered.isEmpty { x += canvas.text("none", x: x, y: y1, role: .muted) }
        for (index, ordinal) in ordered.enumerated() {
            let state = TaskState.allCases[ordinal]
            if index > 0 { x += canvas.text(" · ", x: x, y: y1, role: .muted) }
            x += canvas.text("\(counts[ordinal]) \(state.shortName.lowercased())", x: x, y: y1, width: rect.maxX - x, role: Format.role(of: state))
        }

        let y2 = rect.y + 2
        // Only cpus and mem are shown: summing them as numbers, not whole resource bags, keeps
        // a thousand agents cheap in every frame.
        var cpus = (total: 0.0, allocated: 0.0, offered: 0.0, used: 0.0)
        var mem = (total: 0.0, allocated: 0.0, offered: 0.0, used: 0.0)
        snapshot.agents.withUnsafeBufferPointer { agents in
            for agent in agents {
                cpus.total += agent.total.cpus
                cpus.allocated += agent.used.cpus
                cpus.offered += agent.offered.cpus
                cpus.used += agent.usage?.cpusUsed ?? 0
                mem.total += agent.total.mem
                mem.allocated += agent.used.mem
                mem.offered += agent.offered.mem
                mem.used += Double(agent.usage?.memoryBytes ?? 0) / 1_048_576
            }
        }
        let half = (rect.width - 2) / 2
        resourceLine(
            "CPU", total: cpus.total, allocated: cpus.allocated, offered: cpus.offered, used: cpus.used, format: Format.cpus,
            at: rect.x + 1, y: y2, width: half - 1, on: &canvas)
        resourceLine(
            "Mem", total: mem.total, allocated: mem.allocated, offered: mem.offered, used: mem.used, format: Format.megabytes,
            at: rect.x + 1 + half, y: y2, width: half - 1, on: &canvas)
    }

    /// Tasks per state (by `TaskState.allCases` position): the running ones and those ended
    /// within the Tasks pane's window. Read in place, a field at a time: copying ten thousand
    /// task records and hashing their states made this the costliest part of a frame.
    static func stateCounts(_ snapshot: ClusterSnapshot, now: Time) -> [Int] {
        var counts = Array(repeating: 0, count: TaskState.allCases.count)
        for index in snapshot.tasks.indices { counts[snapshot.tasks[index].state.ordinal] += 1 }
        for index in snapshot.completedTasks.indices where now - snapshot.completedTasks[index].updatedAt < TasksPane.endedTaskSeconds {
            counts[snapshot.completedTasks[index].state.ordinal] += 1
        }
        return counts
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
