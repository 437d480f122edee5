import CorralMetrics
import CorralModel

/// The master's metrics under Prometheus's names: Mesos's (`MasterMetrics`, one source with
/// `/metrics/snapshot`) as `corral_master_…`. Mesos's `slaves` are agents, `uptime_secs` is in
/// `_seconds`, `outstanding_offers` reads `offers_outstanding`; tasks that ended are counters
/// (`corral_master_tasks_finished_total`), tasks in the other states gauges. Memory and disk are
/// in megabytes, as Mesos counts them.
enum MasterPrometheus {
    static func families(_ values: [(name: String, value: Double)]) -> [MetricFamily] {
        values.compactMap { metric -> MetricFamily? in
            guard metric.name.hasPrefix("master/") else { return nil }
            let mesosName = String(metric.name.dropFirst("master/".count))
            let name = renamed(mesosName)
            if let state = endedState(mesosName) {
                return .counter("corral_master_\(name)_total", "Tasks that ended in \(state.rawValue) since the master started.", metric.value)
            }
            return .gauge("corral_master_" + name, help(name), metric.value)
        }
        .sorted { $0.name < $1.name }
    }

    private static func renamed(_ mesosName: String) -> String {
        switch mesosName {
        case "uptime_secs": "uptime_seconds"
        case "outstanding_offers": "offers_outstanding"
        case _ where mesosName.hasPrefix("slaves_"): "agents_" + mesosName.dropFirst("slaves_".count)
        default: mesosName
        }
    }

    /// The terminal state a `tasks_<state>` metric counts; nil for the others.
    private static func endedState(_ mesosName: String) -> TaskState? {
        guard mesosName.hasPrefix("tasks_") else { return nil }
        let short = mesosName.dropFirst("tasks_".count).uppercased()
        return TaskState.allCases.first { $0.isTerminal && $0.shortName == short }
    }

    private static func help(_ name: String) -> String {
        if let described = described[name] { return described }
        let parts = name.split(separator: "_", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return "Mesos's master/\(name)." }
        let (subject, measure) = (parts[0], parts[1])
        if subject == "tasks" { return "Tasks now in TASK_\(measure.uppercased())." }
        if subject == "agents" || subject == "frameworks" { return "\(subject.capitalized) now \(measure)." }
        let resource = resourceNames[subject] ?? subject
        switch measure {
        case "total": return "\(resource) of every registered agent."
        case "used": return "\(resource) held by tasks and their executors."
        case "percent": return "The share of \(subject) in use, from 0 to 1."
        default: return "Mesos's master/\(name)."
        }
    }

    /// How help lines name a resource, with Mesos's unit.
    static let resourceNames = ["cpus": "CPUs", "gpus": "GPUs", "mem": "Memory in megabytes", "disk": "Disk in megabytes"]

    private static let described = [
        "elected": "1 while this master leads (a Corral master always does).",
        "uptime_seconds": "Seconds since this master started.",
        "offers_outstanding": "Offers made and not yet accepted, declined, rescinded or expired.",
        "agents_unreachable": "Agents the master marked unreachable (their tasks may come back with them).",
        "agents_inactive": "Agents registered but not active.",
    ]
}
