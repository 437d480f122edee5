import CorralServices

/// Services' metrics as Marathon's `/metrics` writes them (Dropwizard's JSON): `version`, and
/// `gauges` (`{"value"}`), `counters` (`{"count"}`), `histograms`, `meters` and `timers` by
/// name. Marathon's documented names where one exists (`service.mesosphere.marathon.…`), and
/// Corral's own under `corral.services.…` for what Marathon does not report.
struct MarathonMetrics: Encodable {
    struct Gauge: Encodable { var value: Double }
    struct Counter: Encodable { var count: Int }
    /// Services keeps no distributions or rates: these stay empty, present as clients expect.
    struct Empty: Encodable {}

    var version = "4.0.0"
    var gauges: [String: Gauge]
    var counters: [String: Counter]
    var histograms: [String: Empty] = [:]
    var meters: [String: Empty] = [:]
    var timers: [String: Empty] = [:]

    init(_ metrics: ServicesMetrics, uptimeSeconds: Double) {
        let milliseconds = (max(0, uptimeSeconds) * 1000).rounded()
        gauges = [
            "service.mesosphere.marathon.uptime": Gauge(value: milliseconds),
            "service.mesosphere.marathon.leaderDuration": Gauge(value: milliseconds),
            "service.mesosphere.marathon.app.count": Gauge(value: Double(metrics.apps)),
            "service.mesosphere.marathon.group.count": Gauge(value: 1),
            "service.mesosphere.marathon.task.running.count": Gauge(value: Double(metrics.instancesRunning)),
            "service.mesosphere.marathon.task.staged.count": Gauge(value: Double(metrics.instancesStaged)),
            "corral.services.instances.wanted": Gauge(value: Double(metrics.instancesWanted)),
            "corral.services.instances.healthy": Gauge(value: Double(metrics.instancesHealthy)),
            "corral.services.instances.unhealthy": Gauge(value: Double(metrics.instancesUnhealthy)),
            "corral.services.deployments": Gauge(value: Double(metrics.deployments)),
        ]
        counters = [
            "corral.services.tasks.launched": Counter(count: metrics.tasksLaunched),
            "corral.services.tasks.failed": Counter(count: metrics.tasksFailed),
        ]
    }
}
