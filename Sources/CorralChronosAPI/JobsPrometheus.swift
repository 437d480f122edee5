import CorralJobs
import CorralMetrics

/// Jobs' metrics under Prometheus's names (`corral_jobs_…`), from one reading of `JobsMetrics`.
/// Each job's runs are counters labelled `job`; they count since the job was created, across
/// restarts (its Chronos counters), and vanish with the job.
enum JobsPrometheus {
    static func families(_ metrics: JobsMetrics) -> [MetricFamily] {
        let names = metrics.perJob.map { [$0.name] }
        func perJob(_ name: String, _ help: String, _ kind: MetricFamily.Kind, _ value: (JobsMetrics.Job) -> Double?) -> MetricFamily {
            let samples = zip(names, metrics.perJob).compactMap { labels, job in value(job).map { MetricFamily.Sample(labels, $0) } }
            return MetricFamily(name: name, help: help, kind: kind, labelNames: ["job"], samples: samples)
        }
        return [
            .gauge("corral_jobs_defined", "Jobs defined, disabled ones included.", Double(metrics.jobs)),
            .gauge("corral_jobs_disabled", "Jobs disabled: their schedules do not run them.", Double(metrics.disabled)),
            .gauge("corral_jobs_runs_queued", "Runs waiting for an offer (Chronos's queue).", Double(metrics.queuedRuns)),
            .gauge("corral_jobs_tasks_running", "Tasks of jobs on the cluster.", Double(metrics.runningTasks)),
            .gauge("corral_jobs_runs_awaiting_report", "Runs of async jobs whose tasks finished, waiting for the job's report.", Double(metrics.awaitingReports)),
            perJob("corral_jobs_runs_succeeded_total", "Runs of the job that succeeded.", .counter) { Double($0.successes) },
            perJob("corral_jobs_runs_failed_total", "Runs of the job that failed after their retries.", .counter) { Double($0.failures) },
            perJob("corral_jobs_last_success_timestamp_seconds", "When the job last succeeded, in seconds since the Unix epoch.", .gauge) { $0.lastSuccess?.seconds },
            perJob("corral_jobs_last_failure_timestamp_seconds", "When the job last failed, in seconds since the Unix epoch.", .gauge) { $0.lastFailure?.seconds },
        ]
    }
}
