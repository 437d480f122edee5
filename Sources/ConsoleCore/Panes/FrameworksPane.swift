import CorralModel

/// Frameworks with their role, weight and dominant share (a bar, a number and its recent
/// history), what they hold and offer, and a marker on the one the allocator offers to next.
enum FrameworksPane {
    static func table(_ model: ConsoleModel) -> TableData {
        let snapshot = model.snapshot
        let next = snapshot?.nextFramework
        let weights = Dictionary((snapshot?.roles ?? []).map { ($0.name, $0.weight) }, uniquingKeysWith: { first, _ in first })
        let history = model.shareHistory
        let columns: [TableColumn<FrameworkSnapshot>] = [
            TableColumn(" ", .fixed(1)) { .marker($0.id == next) },
            .sorted("Name", .flexible(minimum: 8), by: { $0.info.name }) { .text($0.info.name, $0.connected ? .base : .muted) },
            .sorted("Role", .fixed(8), by: { $0.info.roles.joined() }) { .text($0.info.roles.joined(separator: ",")) },
            .sorted("Wt", .fixed(3), alignment: .right, by: { weights[$0.info.roles.first ?? "*"] ?? 1 }) {
                .text(Format.cpus(weights[$0.info.roles.first ?? "*"] ?? 1))
            },
            .sorted("Dominant share", .fixed(16), by: { $0.dominantShare }) {
                .gauge($0.dominantShare, role: .shareBar, label: Format.share($0.dominantShare))
            },
            TableColumn("History", .fixed(10)) { .sparkline(history[$0.id] ?? []) },
            .sorted("CPU", .fixed(5), alignment: .right, by: { $0.used.cpus }) { .text(Format.cpus($0.used.cpus)) },
            .sorted("Mem", .fixed(6), alignment: .right, by: { $0.used.mem }) { .text(Format.megabytes($0.used.mem)) },
            .sorted("Offrd", .fixed(5), alignment: .right, by: { $0.offerCount }) { .text(String($0.offerCount), $0.offerCount > 0 ? .offerOutstanding : .muted) },
            .sorted("Tasks", .fixed(5), alignment: .right, by: { $0.taskCount }) { .text(String($0.taskCount)) },
        ]
        return TableData(snapshot?.frameworks ?? [], columns: columns, state: model.table(.frameworks), key: { $0.id.value }, search: { "\($0.info.name) \($0.info.roles.joined(separator: " "))" })
    }
}
