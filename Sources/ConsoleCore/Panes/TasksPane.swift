import CorralModel

/// Tasks with their state (coloured by state), where they run, and what their cgroup says they
/// use. Ended tasks stay listed for a while so that a failure does not vanish before it is seen.
enum TasksPane {
    /// How long an ended task stays in the table.
    static let endedTaskSeconds = 300.0

    /// A task by its place in the snapshot (running tasks, then recently ended ones), or a
    /// waiting launch by its place in the model's list: sorting ten thousand of these moves small
    /// values, not whole task records.
    struct Row {
        var index: Int
        var age: Double
        var waiting = false
    }

    /// Running tasks and those ended within `endedTaskSeconds`, in one array.
    static func tasks(_ model: ConsoleModel) -> [TaskRecord] {
        guard let snapshot = model.snapshot else { return [] }
        let now = model.now
        let ended = snapshot.completedTasks.filter { now - $0.updatedAt < endedTaskSeconds }
        return ended.isEmpty ? snapshot.tasks : snapshot.tasks + ended
    }

    static func table(_ model: ConsoleModel) -> TableData {
        var names: [FrameworkID: String] = [:]
        for framework in model.snapshot?.frameworks ?? [] { names[framework.id] = framework.info.name }
        let usage = model.snapshot?.taskUsage ?? [:]
        let all = tasks(model)
        let waiting = model.waiting
        let now = model.now
        let rows = all.indices.map { Row(index: $0, age: now - all[$0].launchedAt) }
            + waiting.indices.map { Row(index: $0, age: now - (model.waitingSince[waiting[$0].taskID] ?? now), waiting: true) }
        func task(_ row: Row) -> TaskRecord? { row.waiting ? nil : all[row.index] }
        func id(_ row: Row) -> String { task(row)?.id.value ?? waiting[row.index].taskID.value }
        func taskName(_ row: Row) -> String { task(row)?.name ?? waiting[row.index].name }
        func name(_ row: Row) -> String {
            guard let task = task(row) else { return "console" }
            return names[task.frameworkID] ?? Format.shortID(task.frameworkID.value)
        }
        func used(_ row: Row) -> ResourceUsage? { task(row).flatMap { usage[$0.key] } }
        func key(_ row: Row) -> String { task(row)?.key.description ?? waiting[row.index].rowKey }
        let columns: [TableColumn<Row>] = [
            .sorted("ID", .flexible(minimum: 10), by: id) { .text(id($0)) },
            .sorted("Name", .flexible(minimum: 8), by: taskName) { .text(taskName($0)) },
            .sorted("Framework", .fixed(12), by: name) { .text(name($0)) },
            .sorted("Agent", .fixed(5), by: { task($0)?.agentID.value ?? "" }) { .text(task($0).map { Format.shortID($0.agentID.value) } ?? "-") },
            .sorted("State", .fixed(11), by: { task($0)?.state.rawValue ?? "WAITING" }) { row in
                guard let task = task(row) else { return .text("WAITING", .warning) }
                return .text(task.state.shortName, Format.role(of: task.state))
            },
            .sorted("CPU", .fixed(5), alignment: .right, by: { used($0)?.cpusUsed ?? 0 }) { row in
                .text(used(row).map { Format.format2($0.cpusUsed) } ?? "-", used(row) == nil ? .muted : .base)
            },
            .sorted("Mem", .fixed(6), alignment: .right, by: { used($0)?.memoryBytes ?? 0 }) { row in
                .text(used(row).map { Format.bytes($0.memoryBytes) } ?? "-", used(row) == nil ? .muted : .base)
            },
            .sorted("Age", .fixed(7), alignment: .right, by: { $0.age }) { .text(Format.age($0.age)) },
        ]
        return TableData(
            rows, columns: columns, state: model.table(.tasks), key: key,
            matches: { wanted in
                if wanted.hasPrefix("waiting/") { return { $0.waiting && waiting[$0.index].rowKey == wanted } }
                // "framework/task": task IDs never hold a '/', so the last one splits the key.
                guard let slash = wanted.lastIndex(of: "/") else { return { _ in false } }
                let framework = wanted[..<slash], taskID = wanted[wanted.index(after: slash)...]
                return { !$0.waiting && all[$0.index].id.value == taskID && all[$0.index].frameworkID.value == framework }
            },
            search: { "\(id($0)) \(taskName($0)) \(name($0)) \(task($0)?.state.shortName ?? "WAITING")" })
    }
}
