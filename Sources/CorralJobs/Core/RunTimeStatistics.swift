import CorralModel

/// How long a job's successful runs' tasks took, in seconds, over the runs its history keeps:
/// Chronos's histogram of a job, which `/v1/scheduler/job/stat/NAME` and
/// `/v1/scheduler/stats/<percentile>` both report.
public struct RunTimeStatistics: Hashable, Sendable {
    /// The durations, shortest first.
    public let durations: [Double]

    public init(_ history: JobHistory) {
        durations = history.runs.compactMap { run in
            run.succeeded ? run.endedAt.map { $0 - run.startedAt } : nil
        }.sorted()
    }

    public var count: Int { durations.count }
    public var mean: Double { durations.isEmpty ? 0 : durations.reduce(0, +) / Double(durations.count) }

    /// Nearest rank: the smallest duration with at least `fraction` of them at or below it; 0
    /// without runs, as Chronos's empty histogram says.
    public func percentile(_ fraction: Double) -> Double {
        guard !durations.isEmpty else { return 0 }
        let rank = Int((fraction * Double(durations.count)).rounded(.up))
        return durations[min(max(rank, 1), durations.count) - 1]
    }

    /// The statistics by Chronos's names, in the order its histogram writes them.
    public static let names = ["75thPercentile", "95thPercentile", "98thPercentile", "99thPercentile", "median", "mean"]

    /// The statistic Chronos calls `name` (one of `names`); nil for any other name.
    public func value(named name: String) -> Double? {
        switch name {
        case "75thPercentile": percentile(0.75)
        case "95thPercentile": percentile(0.95)
        case "98thPercentile": percentile(0.98)
        case "99thPercentile": percentile(0.99)
        case "median": percentile(0.5)
        case "mean": mean
        default: nil
        }
    }
}
