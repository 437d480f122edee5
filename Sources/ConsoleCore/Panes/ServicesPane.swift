import CorralModel

/// Apps of Services: their state in its colour, instances running, healthy, staged and wanted,
/// and what each instance asks for.
enum ServicesPane {
    static func table(_ model: ConsoleModel) -> TableData {
        let apps = model.services ?? []
        let columns: [TableColumn<ServiceRow>] = [
            .sorted("App", .fixed(fitted(apps.map(\.id), minimum: 8, maximum: 28)), by: { $0.id }) { .text($0.id) },
            .sorted("Status", .flexible(minimum: 14), by: { $0.status.rank }) { .text($0.status.text, $0.status.role) },
            .sorted("Run", .fixed(4), alignment: .right, by: { $0.running }) { app in
                .text(String(app.running), app.running < app.wanted ? .warning : .base)
            },
            .sorted("Hlth", .fixed(5), alignment: .right, by: { $0.healthy }) { app in
                .text(String(app.healthy), app.healthy < app.running ? .warning : .base)
            },
            .sorted("Stg", .fixed(4), alignment: .right, by: { $0.staged }) { app in
                .text(String(app.staged), app.staged > 0 ? .serviceDeploying : .muted)
            },
            .sorted("Want", .fixed(5), alignment: .right, by: { $0.wanted }) { .text(String($0.wanted)) },
            .sorted("CPU", .fixed(5), alignment: .right, by: { $0.cpus }) { .text(Format.cpusAsked($0.cpus)) },
            .sorted("Mem", .fixed(6), alignment: .right, by: { $0.mem }) { .text(Format.megabytes($0.mem)) },
        ]
        return TableData(apps, columns: columns, state: model.table(.services), key: { $0.id }, search: { "\($0.id) \($0.status.text)" })
    }
}

/// A column as wide as its longest value within bounds: names are short and reasons long, so
/// the name column gives the rest of its room to the flexible one beside it.
func fitted(_ values: [String], minimum: Int, maximum: Int) -> Int {
    min(maximum, max(minimum, values.lazy.map(\.terminalWidth).max() ?? 0))
}

extension ServiceState {
    /// `Running`, `Deploying`, `Waiting: <reason>`, `Delayed 12s`, `Suspended`.
    var text: String {
        switch self {
        case .running: "Running"
        case .deploying: "Deploying"
        case .waiting(let reason): "Waiting: \(reason)"
        case .delayed(let seconds): "Delayed \(Format.age(seconds.rounded(.up)))"
        case .suspended: "Suspended"
        }
    }

    var role: ThemeRole {
        switch self {
        case .running: .serviceRunning
        case .deploying: .serviceDeploying
        case .waiting: .serviceWaiting
        case .delayed: .serviceDelayed
        case .suspended: .serviceSuspended
        }
    }

    /// Sorting by state puts the apps that need a look first.
    var rank: Int {
        switch self {
        case .waiting: 0
        case .delayed: 1
        case .deploying: 2
        case .running: 3
        case .suspended: 4
        }
    }
}
