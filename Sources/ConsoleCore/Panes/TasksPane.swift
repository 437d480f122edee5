import CorralModel

/// Tasks with their state (coloured by state), where they run, and what their cgroup says they
/// use. Ended tasks stay listed for a while so that a failure does not vanish before it is seen.
enum TasksPane {
    /// How long an ended task stays in the table.
    static let endedTaskSeconds = 300.0

    struct Row {
        var task: TaskRecord
        var frameworkName: String
        var usage: ResourceUsage?
        var age: Double
    }

    static func rows(_ model: ConsoleModel) -> [Row] {
        guard let snapshot = model.snapshot else { return [] }
        var names: [FrameworkID: String] = [:]
        for framework in snapshot.frameworks { names[framework.id] = framework.info.name }
        let now = model.now
        var rows: [Row] = []
        rows.reserveCapacity(snapshot.tasks.count)
        for task in snapshot.tasks {
            rows.append(Row(task: task, frameworkName: names[task.frameworkID] ?? Format.shortID(task.frameworkID.value),
                            usage: snapshot.taskUsage[task.key], age: now - task.launchedAt))
        }
        for task in snapshot.completedTasks where now - task.updatedAt < endedTaskSeconds {
            rows.append(Row(task: task, frameworkName: names[task.frameworkID] ?? Format.shortID(task.frameworkID.value), usage: nil, age: now - task.launchedAt))
        }
        return rows
    }

    static func table(_ model: ConsoleModel) -> TableData {
        let columns: [TableColumn<Row>] = [
            .sorted("ID", .flexible(minimum: 10), by: { $0.task.id.value }) { .text($0.task.id.value) },
            .sorted("Name", .flexible(minimum: 8), by: { $0.task.name }) { .text($0.task.name) },
            .sorted("Framework", .fixed(12), by: { $0.frameworkName }) { .text($0.frameworkName) },
            .sorted("Agent", .fixed(5), by: { $0.task.agentID.value }) { .text(Format.shortID($0.task.agentID.value)) },
            .sorted("State", .fixed(11), by: { $0.task.state.rawValue }) { .text($0.task.state.shortName, Format.role(of: $0.task.state)) },
            .sorted("CPU", .fixed(5), alignment: .right, by: { $0.usage?.cpusUsed ?? 0 }) { row in
                .text(row.usage.map { Format.format2($0.cpusUsed) } ?? "-", row.usage == nil ? .muted : .base)
            },
            .sorted("Mem", .fixed(6), alignment: .right, by: { $0.usage?.memoryBytes ?? 0 }) { row in
                .text(row.usage.map { Format.bytes($0.memoryBytes) } ?? "-", row.usage == nil ? .muted : .base)
            },
            .sorted("Age", .fixed(7), alignment: .right, by: { $0.age }) { .text(Format.age($0.age)) },
        ]
        return TableData(rows(model), columns: columns, state: model.table(.tasks), key: { $0.task.key.description },
                         search: { "\($0.task.id) \($0.task.name) \($0.frameworkName) \($0.task.state.shortName)" })
    }
}
