import CorralModel

/// An agent's metrics under Mesos's names (`slave/tasks_running`, `slave/cpus_used`, …),
/// computed from its state: what its `/metrics/snapshot` and GET_METRICS answer.
///
/// Gauges (tasks by non-terminal state, executors, frameworks, resources) are exact; the
/// terminal counters (`slave/tasks_finished`, …) count since the agent started, as Mesos's do.
/// `_used` is what tasks hold, not what they use (`/monitor/statistics` says that).
public enum AgentMetrics {
    /// Every metric, sorted by name; values are doubles, as all of Mesos's metrics are.
    public static func values(of state: AgentState) -> [(name: String, value: Double)] {
        var metrics: [String: Double] = [:]
        metrics["slave/uptime_secs"] = max(0, state.time - state.startedAt)
        metrics["slave/registered"] = state.registered ? 1 : 0
        metrics["slave/frameworks_active"] = Double(state.frameworks.count)
        let executors = state.frameworks.flatMap(\.executors)
        metrics["slave/executors_running"] = Double(executors.count)
        metrics["slave/executors_terminated"] = Double((state.frameworks + state.completedFrameworks).reduce(0) { $0 + $1.completedExecutors.count })
        for name in ["executors_registering", "executors_terminating", "executors_preempted", "recovery_errors"] {
            metrics["slave/" + name] = 0
        }
        var byState: [TaskState: Int] = [:]
        for executor in executors {
            for task in executor.queuedTasks + executor.tasks { byState[task.state, default: 0] += 1 }
        }
        for state in [TaskState.staging, .starting, .running, .killing] {
            metrics["slave/tasks_" + state.shortName.lowercased()] = Double(byState[state] ?? 0)
        }
        for ended in [TaskState.finished, .failed, .killed, .lost, .gone] {
            metrics["slave/tasks_" + ended.shortName.lowercased()] = Double(state.endedTasks[ended] ?? 0)
        }
        var used = Resources()
        for executor in executors { used.add(executor.resources) }
        for name in ["cpus", "gpus", "mem", "disk"] {
            let total = state.info.resources.scalar(name)
            let held = used.scalar(name)
            metrics["slave/\(name)_total"] = roundScalar(total)
            metrics["slave/\(name)_used"] = roundScalar(held)
            metrics["slave/\(name)_percent"] = total > 0 ? held / total : 0
        }
        return metrics.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }
}
