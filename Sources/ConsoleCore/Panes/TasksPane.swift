import CorralModel

/// Tasks with their state (coloured by state), where they run, and what their cgroup says they
/// use. Ended tasks stay listed for a while so that a failure does not vanish before it is seen.
enum TasksPane {
    /// How long an ended task stays in the table.
    static let endedTaskSeconds = 300.0

    /// A task by its place in the snapshot (running tasks, then recently ended ones): sorting
    /// ten thousand of these moves small values, not whole task records.
    struct Row {
        var index: Int
        var age: Double
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
        let now = model.now
        let rows = all.indices.map { Row(index: $0, age: now - all[$0].launchedAt) }
        func task(_ row: Row) -> TaskRecord { all[row.index] }
        func name(_ row: Row) -> String { names[task(row).frameworkID] ?? Format.shortID(task(row).frameworkID.value) }
        let columns: [TableColumn<Row>] = [
            .sorted("ID", .flexible(minimum: 10), by: { task($0).id.value }) { .text(task($0).id.value) },
            .sorted("Name", .flexible(minimum: 8), by: { task($0).name }) { .text(task($0).name) },
            .sorted("Framework", .fixed(12), by: name) { .text(name($0)) },
            .sorted("Agent", .fixed(5), by: { task($0).agentID.value }) { .text(Format.shortID(task($0).agentID.value)) },
            .sorted("State", .fixed(11), by: { task($0).state.rawValue }) { .text(task($0).state.shortName, Format.role(of: task($0).state)) },
            .sorted("CPU", .fixed(5), alignment: .right, by: { usage[task($0).key]?.cpusUsed ?? 0 }) { row in
                let used = usage[task(row).key]
                return .text(used.map { Format.format2($0.cpusUsed) } ?? "-", used == nil ? .muted : .base)
            },
            .sorted("Mem", .fixed(6), alignment: .right, by: { usage[task($0).key]?.memoryBytes ?? 0 }) { row in
                let used = usage[task(row).key]
                return .text(used.map { Format.bytes($0.memoryBytes) } ?? "-", used == nil ? .muted : .base)
            },
            .sorted("Age", .fixed(7), alignment: .right, by: { $0.age }) { .text(Format.age($0.age)) },
        ]
        return TableData(
            rows, columns: columns, state: model.table(.tasks), key: { task($0).key.description },
            matches: { wanted in
                // "framework/task": task IDs never hold a '/', so the last one splits the key.
                guard let slash = wanted.lastIndex(of: "/") else { return { _ in false } }
                let framework = wanted[..<slash], taskID = wanted[wanted.index(after: slash)...]
                return { all[$0.index].id.value == taskID && all[$0.index].frameworkID.value == framework }
            },
            search: { "\(task($0).id) \(task($0).name) \(name($0)) \(task($0).state.shortName)" })
    }
}
