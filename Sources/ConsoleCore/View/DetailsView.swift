import CorralModel

/// Enter on a row: a task's info, status history and live sandbox output; an agent's resources
/// and tasks; a framework's tasks and offers. Apps and jobs have views of their own.
enum DetailsView {
    static func draw(_ detail: ConsoleModel.Detail, model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        switch detail {
        case .task(let key): drawTask(key, model: model, on: &canvas, in: rect)
        case .agent(let id): drawAgent(id, model: model, on: &canvas, in: rect)
        case .framework(let id): drawFramework(id, model: model, on: &canvas, in: rect)
        case .service(let id): ServiceDetailsView.draw(id, model: model, on: &canvas, in: rect)
        case .job(let name): JobDetailsView.draw(name, model: model, on: &canvas, in: rect)
        case .why(let subject): WhyView.draw(subject, model: model, on: &canvas, in: rect)
        }
    }

    static func fields(_ pairs: [(String, String)], on canvas: inout Canvas, in rect: Rect) -> Int {
        fields(pairs.map { ($0.0, $0.1, .base) }, on: &canvas, in: rect)
    }

    /// Name and value per line, each value in its own role.
    static func fields(_ pairs: [(String, String, ThemeRole)], on canvas: inout Canvas, in rect: Rect) -> Int {
        var y = rect.y
        for (name, value, role) in pairs where y < rect.maxY {
            canvas.text(name, x: rect.x + 1, y: y, width: 14, role: .headerLabel)
            canvas.text(value, x: rect.x + 16, y: y, width: rect.width - 17, role: role)
            y += 1
        }
        return y - rect.y
    }

    /// A box that says why there is nothing to show.
    static func gone(_ title: String, _ text: String, on canvas: inout Canvas, in rect: Rect) {
        let inside = canvas.box(rect, title: title, focused: true)
        canvas.text(text, x: inside.x + 1, y: inside.y, width: inside.width - 1, role: .muted)
    }

    static func drawTask(_ key: TaskKey, model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        guard let task = model.snapshot?.task(key) else {
            let inside = canvas.box(rect, title: "Task \(key.taskID)", focused: true)
            canvas.text("This task is no longer known to the master.", x: inside.x + 1, y: inside.y, role: .muted)
            return
        }
        let infoHeight = min(rect.height / 2, 9 + min(task.statuses.count, 8))
        let info = canvas.box(Rect(x: rect.x, y: rect.y, width: rect.width, height: infoHeight), title: "Task \(task.id)", focused: true)
        let left = Rect(x: info.x, y: info.y, width: info.width / 2, height: info.height)
        let usage = model.snapshot?.taskUsage[key]
        let frameworkName = model.snapshot?.frameworks.first { $0.id == task.frameworkID }?.info.name ?? task.frameworkID.value
        _ = fields([
            ("Name", task.name),
            ("State", task.state.shortName),
            ("Framework", frameworkName),
            ("Agent", task.agentID.value),
            ("Resources", task.resources.unallocated().description),
            ("Command", task.command?.value ?? "-"),
            ("Usage", usage.map { "\(Format.format2($0.cpusUsed)) cpu · \(Format.bytes($0.memoryBytes)) · throttled \(Format.percent($0.throttledFraction))" } ?? "-"),
        ], on: &canvas, in: left)
        let history = Rect(x: info.x + info.width / 2, y: info.y, width: info.width - info.width / 2, height: info.height)
        canvas.text("Status history", x: history.x, y: history.y, role: .tableHeader)
        for (index, status) in task.statuses.suffix(history.height - 1).enumerated() {
            var line = "\(status.timestamp.map(Format.clock) ?? "--:--:--") \(status.state.shortName)"
            if let reason = status.reason { line += " (\(Format.reason(reason)))" }
            if let message = status.message, !message.isEmpty { line += " \(message)" }
            canvas.text(line, x: history.x, y: history.y + 1 + index, width: history.width - 1, role: Format.role(of: status.state))
        }

        let outputs = Rect(x: rect.x, y: rect.y + infoHeight, width: rect.width, height: rect.height - infoHeight)
        let half = outputs.width / 2
        let tail = model.sandboxTail?.key == key ? model.sandboxTail : nil
        drawOutput("stdout (following)", tail?.stdout, on: &canvas, in: Rect(x: outputs.x, y: outputs.y, width: half, height: outputs.height))
        drawOutput("stderr (following)", tail?.stderr, on: &canvas, in: Rect(x: outputs.x + half, y: outputs.y, width: outputs.width - half, height: outputs.height))
    }

    private static func drawOutput(_ title: String, _ text: String?, on canvas: inout Canvas, in rect: Rect) {
        let inside = canvas.box(rect, title: title)
        guard let text else {
            canvas.text("(reading the sandbox…)", x: inside.x, y: inside.y, role: .muted)
            return
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(inside.height)
        for (index, line) in lines.enumerated() {
            canvas.text(line.filter { $0 != "\r" && $0 != "\t" }, x: inside.x, y: inside.y + index, width: inside.width)
        }
    }

    static func drawAgent(_ id: AgentID, model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        guard let agent = model.snapshot?.agents.first(where: { $0.id == id }) else {
            let inside = canvas.box(rect, title: "Agent \(Format.shortID(id.value))", focused: true)
            canvas.text("This agent is no longer registered.", x: inside.x + 1, y: inside.y, role: .muted)
            return
        }
        let info = canvas.box(Rect(x: rect.x, y: rect.y, width: rect.width, height: 10), title: "Agent \(Format.shortID(id.value)) · \(agent.info.hostname)", focused: true)
        _ = fields([
            ("ID", id.value),
            ("Total", agent.total.description),
            ("Used by tasks", agent.used.unallocated().description),
            ("Offered", agent.offered.unallocated().description),
            ("Usage", agent.usage.map { "\(Format.format2($0.cpusUsed)) cpu · \(Format.bytes($0.memoryBytes)) · throttled \(Format.percent($0.throttledFraction))" } ?? "-"),
            ("Isolation", agent.isolation ?? "-"),
            ("Attributes", agent.info.attributes.map { "\($0.name):\($0.text)" }.joined(separator: ";")),
            ("Registered", Format.age(model.now - agent.registeredAt) + " ago"),
        ], on: &canvas, in: info)
        drawTasks("Tasks on this agent", model: model, where: { $0.agentID == id }, on: &canvas, in: Rect(x: rect.x, y: rect.y + 10, width: rect.width, height: rect.height - 10))
    }

    static func drawFramework(_ id: FrameworkID, model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        guard let framework = model.snapshot?.frameworks.first(where: { $0.id == id }) else {
            let inside = canvas.box(rect, title: "Framework", focused: true)
            canvas.text("This framework is no longer subscribed.", x: inside.x + 1, y: inside.y, role: .muted)
            return
        }
        let info = canvas.box(Rect(x: rect.x, y: rect.y, width: rect.width, height: 9), title: "Framework \(framework.info.name)", focused: true)
        let offers = (model.snapshot?.offers ?? []).filter { $0.offer.frameworkID == id }
        _ = fields([
            ("ID", id.value),
            ("Roles", framework.info.roles.joined(separator: ", ")),
            ("Dominant share", Format.share(framework.dominantShare) + (model.snapshot?.nextFramework == id ? "  (offered to next)" : "")),
            ("Used", framework.used.unallocated().description),
            ("Offered", offers.isEmpty ? "nothing" : offers.map { "\(Format.shortID($0.offer.id.value)) on \(Format.shortID($0.offer.agentID.value)): \(OffersPane.summary($0.offer.resources))" }.joined(separator: "; ")),
            ("Capabilities", framework.info.capabilities.joined(separator: ", ")),
            ("Subscribed", Format.age(model.now - framework.registeredAt) + " ago"),
        ], on: &canvas, in: info)
        drawTasks("Tasks of this framework", model: model, where: { $0.frameworkID == id }, on: &canvas, in: Rect(x: rect.x, y: rect.y + 9, width: rect.width, height: rect.height - 9))
    }

    /// The Tasks table restricted to some tasks.
    private static func drawTasks(
        _ title: String, model: ConsoleModel, where include: (TaskRecord) -> Bool, on canvas: inout Canvas, in rect: Rect
    ) {
        var restricted = model
        restricted.tables[.tasks] = TableState(sortColumn: 7)
        if var snapshot = restricted.snapshot {
            snapshot.tasks = snapshot.tasks.filter(include)
            snapshot.completedTasks = snapshot.completedTasks.filter(include)
            restricted.snapshot = snapshot
        }
        let data = TasksPane.table(restricted)
        let inside = canvas.box(rect, title: "\(title) \(data.count)")
        data.draw(on: &canvas, in: inside, state: restricted.table(.tasks), focused: false)
    }
}
