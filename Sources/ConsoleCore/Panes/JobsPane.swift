import CorralModel

/// Jobs of Jobs: when each runs next, how its last run ended (in that result's colour), its
/// counts of successes and errors, and its runs in progress.
enum JobsPane {
    static func table(_ model: ConsoleModel) -> TableData {
        let now = model.now
        let jobs = model.jobs ?? []
        let columns: [TableColumn<JobRow>] = [
            .sorted("Job", .fixed(fitted(jobs.map(\.name), minimum: 8, maximum: 24)), by: { $0.name }) { .text($0.name, $0.disabled ? .muted : .base) },
            .sorted("Schedule", .flexible(minimum: 10), by: { $0.schedule }) { .text($0.schedule, $0.disabled ? .muted : .base) },
            .sorted("Next", .fixed(9), alignment: .right, by: { $0.disabled ? .infinity : $0.nextRun.map { $0 - now } ?? .infinity }) { job in
                if job.disabled { return .text("disabled", .muted) }
                guard let next = job.nextRun else { return .text("-", .muted) }
                return .text(Format.until(next - now))
            },
            .sorted("Last", .fixed(8), by: { $0.lastResult.rawValue }) { .text($0.lastResult.rawValue, $0.lastResult.role) },
            .sorted("OK", .fixed(5), alignment: .right, by: { $0.successCount }) { .text(String($0.successCount)) },
            .sorted("Err", .fixed(5), alignment: .right, by: { $0.errorCount }) { job in
                .text(String(job.errorCount), job.errorCount > 0 ? .jobFailure : .base)
            },
            .sorted("Run", .fixed(4), alignment: .right, by: { $0.running }) { job in
                .text(String(job.running), job.running > 0 ? .jobRunning : .muted)
            },
        ]
        return TableData(jobs, columns: columns, state: model.table(.jobs), key: { $0.name }, search: { "\($0.name) \($0.schedule)" })
    }
}

extension JobResult {
    var role: ThemeRole {
        switch self {
        case .success: .jobSuccess
        case .failure: .jobFailure
        case .never: .jobNever
        }
    }
}
