import CorralHTTPServer
import CorralJobs
import CorralMetrics
import CorralModel
import Hummingbird

extension ChronosRoutes {
    /// An async job's word on its run (Chronos 2's task notification), the run-time statistics of
    /// every job, and Jobs' metrics in Prometheus's text format.
    static func addReportsAndStatistics(to router: Router<BasicRequestContext>, jobs: JobsFramework, bodyLimit: Int, metrics: ServerMetrics) {
        router.allowing("/v1/scheduler/task/:taskID", [
            .put: { request, context in
                var request = request
                let statusCode = try ChronosTaskReport.statusCode(from: try await request.body(upTo: bodyLimit))
                try await jobs.report(TaskID(try decoded(context, "taskID")), statusCode: statusCode)
                return noContent
            },
        ])
        router.allowing("/v1/scheduler/stats/:statistic", [
            .get: { _, context in json(ChronosStats.json(await jobs.jobs(), statistic: try decoded(context, "statistic"))) },
        ])
        router.allowing("/metrics/prometheus", [.get: { _, _ in .prometheus(metrics.exposition(JobsPrometheus.families(await jobs.metrics()))) }])
    }
}
