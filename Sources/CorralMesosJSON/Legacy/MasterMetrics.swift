import CorralModel

/// The master's metrics under Mesos's names (`master/cpus_total`, `master/tasks_running`, …),
/// computed from a snapshot: what `/metrics/snapshot` and GET_METRICS answer.
///
/// Gauges (agents, frameworks, resources, tasks by non-terminal state, outstanding offers) are
/// exact. Mesos's terminal-state counters (`master/tasks_finished`, …) count since the master
/// started: the master's snapshot carries them (`tasksEnded`). A snapshot without them (one
/// filtered for a principal, or rebuilt from the wire) keeps only a bounded history of ended
/// tasks, so then they count that history (and ended tasks not yet moved to it). `extra`
/// overrides any metric, and adds any this list lacks.
public enum MasterMetrics {
    /// Every metric, sorted by name, as Mesos's JSON object has them. Values are doubles, as
    /// all of Mesos's metrics are.
    public static func values(
        of snapshot: ClusterSnapshot, master: MasterDescription, extra: [String: Double] = [:]
    ) -> [(name: String, value: Double)] {
        var metrics: [String: Double] = [:]
        metrics["master/elected"] = 1
        metrics["master/uptime_secs"] = max(0, snapshot.time - snapshot.startedAt)

        let activeAgents = snapshot.agents.reduce(0) { $0 + ($1.active ? 1 : 0) }
        metrics["master/slaves_active"] = Double(activeAgents)
        metrics["master/slaves_inactive"] = Double(snapshot.agents.count - activeAgents)
        metrics["master/slaves_connected"] = Double(activeAgents)
        metrics["master/slaves_disconnected"] = Double(snapshot.agents.count - activeAgents)
        metrics["master/slaves_unreachable"] = Double(snapshot.unreachableAgents.count)

        let activeFrameworks = snapshot.frameworks.reduce(0) { $0 + ($1.active ? 1 : 0) }
        let connectedFrameworks = snapshot.frameworks.reduce(0) { $0 + ($1.connected ? 1 : 0) }
        metrics["master/frameworks_active"] = Double(activeFrameworks)
        metrics["master/frameworks_inactive"] = Double(snapshot.frameworks.count - activeFrameworks)
        metrics["master/frameworks_connected"] = Double(connectedFrameworks)
        metrics["master/frameworks_disconnected"] = Double(snapshot.frameworks.count - connectedFrameworks)
        metrics["master/outstanding_offers"] = Double(snapshot.offers.count)

        var byState: [TaskState: Int] = [:]
        if let ended = snapshot.tasksEnded {
            // Ended tasks still awaiting acknowledgement are counted there already.
            for task in snapshot.tasks where !task.state.isTerminal { byState[task.state, default: 0] += 1 }
            byState.merge(ended, uniquingKeysWith: +)
        } else {
            for task in snapshot.tasks { byState[task.state, default: 0] += 1 }
            for task in snapshot.completedTasks { byState[task.state, default: 0] += 1 }
        }
        for state in TaskState.allCases where state != .unknown {
            // `master/tasks_gone_by_operator`, `master/tasks_running`, …
            metrics["master/tasks_" + state.shortName.lowercased()] = Double(byState[state] ?? 0)
        }

        for name in ["cpus", "gpus", "mem", "disk"] {
            var total = 0.0
            var used = 0.0
            for agent in snapshot.agents {
                total += agent.total.scalar(name)
                used += agent.used.scalar(name)
            }
            metrics["master/\(name)_total"] = roundScalar(total)
            metrics["master/\(name)_used"] = roundScalar(used)
            metrics["master/\(name)_percent"] = total > 0 ? used / total : 0
        }
        metrics.merge(extra) { _, caller in caller }
        return metrics.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }
}

/// `/metrics/snapshot`: one flat object of every metric, `{"master/cpus_percent":0.25,…}`.
extension LegacyJSON {
    public static func metricsSnapshot(
        _ snapshot: ClusterSnapshot, master: MasterDescription, extra: [String: Double] = [:]
    ) -> [UInt8] {
        metricsSnapshot(MasterMetrics.values(of: snapshot, master: master, extra: extra))
    }

    /// Any server's metrics as one flat object, in the order given.
    public static func metricsSnapshot(_ metrics: [(name: String, value: Double)]) -> [UInt8] {
        var writer = MesosJSONWriter(reservingCapacity: 4096)
        writer.writeObject { writer in
            for metric in metrics {
                writer.key(metric.name)
                writer.number(metric.value)
            }
        }
        return writer.bytes
    }
}
