import CorralJobs
import CorralMesosJSON

/// `GET /v1/scheduler/stats/<statistic>` (`99thPercentile`, `98thPercentile`, `95thPercentile`,
/// `75thPercentile`, `median`, `mean`): every job's run time for that statistic, longest
/// first, as Chronos answers it: `[{"jobNameLabel": "nightly", "time": 12.5}]`, in seconds. A
/// job without successful runs reads 0; a statistic Chronos does not know gives an empty list,
/// as Chronos's does.
enum ChronosStats {
    static func json(_ jobs: [JobSummary], statistic: String) -> [UInt8] {
        let times = jobs.compactMap { job in RunTimeStatistics(job.history).value(named: statistic).map { (job.name, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var writer = MesosJSONWriter()
        writer.writeArray { writer in
            for (name, time) in times {
                writer.writeObject { writer in
                    writer.field("jobNameLabel", name)
                    writer.field("time", time)
                }
            }
        }
        return writer.bytes
    }
}
