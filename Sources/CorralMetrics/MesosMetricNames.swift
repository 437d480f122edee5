/// Mesos's metrics (`master/…`, `slave/…`, what `/metrics/snapshot` answers) under Prometheus's
/// names: `corral_master_…` and `corral_agent_…`. Mesos's slaves are agents, `uptime_secs` is in
/// `_seconds`, `outstanding_offers` reads `offers_outstanding`; tasks that ended
/// (`tasks_finished`, …) are counters (`corral_master_tasks_finished_total`), everything else a
/// gauge. Memory and disk stay in megabytes, as Mesos counts them.
public enum MesosMetricNames {
    /// The family of Mesos's metric `name`; nil for a name of neither a master nor an agent.
    public static func family(_ name: String, _ value: Double) -> MetricFamily? {
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let owner = owners[parts[0]] else { return nil }
        let short = renamed(parts[1])
        if short.hasPrefix("tasks_"), ended.contains(String(short.dropFirst("tasks_".count))) {
            let state = "TASK_" + short.dropFirst("tasks_".count).uppercased()
            return .counter("corral_\(owner)_\(short)_total", "Tasks that ended in \(state) since this \(owner) started.", value)
        }
        return .gauge("corral_\(owner)_\(short)", help(short, owner: owner), value)
    }

    /// The families of `values`, by name.
    public static func families(_ values: [(name: String, value: Double)]) -> [MetricFamily] {
        values.compactMap { family($0.name, $0.value) }.sorted { $0.name < $1.name }
    }

    private static let owners = ["master": "master", "slave": "agent"]
    /// Mesos's terminal task states, as its metrics name them.
    private static let ended: Set<String> = ["finished", "failed", "killed", "error", "lost", "dropped", "gone", "gone_by_operator"]

    private static func renamed(_ name: String) -> String {
        switch name {
        case "uptime_secs": "uptime_seconds"
        case "outstanding_offers": "offers_outstanding"
        case _ where name.hasPrefix("slaves_"): "agents_" + name.dropFirst("slaves_".count)
        default: name
        }
    }

    private static func help(_ name: String, owner: String) -> String {
        if name == "uptime_seconds" { return "Seconds since this \(owner) started." }
        if let described = described[name] { return described }
        let parts = name.split(separator: "_", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return "Mesos's \(name)." }
        let (subject, measure) = (parts[0], parts[1])
        if subject == "tasks" { return "Tasks now in TASK_\(measure.uppercased())." }
        if ["agents", "frameworks", "executors"].contains(subject) { return "\(subject.prefix(1).uppercased() + subject.dropFirst()) now \(measure)." }
        let resource = resources[subject] ?? subject
        switch measure {
        case "total": return owner == "master" ? "\(resource) of every registered agent." : "\(resource) this agent has for tasks."
        case "used": return "\(resource) held by tasks and their executors."
        case "percent": return "The share of \(subject) in use, from 0 to 1."
        default: return "Mesos's \(name)."
        }
    }

    /// How help lines name a resource, with Mesos's unit.
    private static let resources = ["cpus": "CPUs", "gpus": "GPUs", "mem": "Memory in megabytes", "disk": "Disk in megabytes"]

    private static let described = [
        "elected": "1 while this master leads (a Corral master always does).",
        "registered": "1 while this agent is registered with its master.",
        "offers_outstanding": "Offers made and not yet accepted, declined, rescinded or expired.",
        "agents_unreachable": "Agents the master marked unreachable (their tasks may come back with them).",
        "agents_inactive": "Agents registered but not active.",
    ]
}
