import CorralMetrics

/// The master's metrics under Prometheus's names: Mesos's (`MasterMetrics`, one source with
/// `/metrics/snapshot`) as `corral_master_…` (see `MesosMetricNames`).
enum MasterPrometheus {
    static func families(_ values: [(name: String, value: Double)]) -> [MetricFamily] {
        MesosMetricNames.families(values.filter { $0.name.hasPrefix("master/") })
    }
}
