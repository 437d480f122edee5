import CorralMesosJSON
import CorralMetrics
import CorralModel

/// An agent's state under Prometheus's names, for its `/metrics` (its JSON is
/// `/metrics/snapshot`, as Mesos's): the same totals as the snapshot as `corral_agent_…`, and
/// each running executor's container, as `/monitor/statistics` shows it, as
/// `corral_agent_task_…` labelled with its `task`, `framework` and `executor`.
enum AgentPrometheus {
    static func families(_ state: AgentState) -> [MetricFamily] {
        MesosMetricNames.families(AgentMetrics.values(of: state)) + usage(state)
    }

    /// Each running executor's container, then all of them together. A command task's executor
    /// has the task's ID and runs only it; a task group's executor runs its tasks together, and
    /// its `task` label is empty (Mesos's `source`).
    private static func usage(_ state: AgentState) -> [MetricFamily] {
        let running = state.frameworks.flatMap { framework in
            framework.executors.compactMap { executor in
                executor.statistics.map { (labels: [executor.source, framework.id.value, executor.info.executorID.value], statistics: $0) }
            }
        }
        func perTask(_ name: String, _ help: String, _ kind: MetricFamily.Kind, _ value: (ResourceStatistics) -> Double?) -> MetricFamily {
            let samples = running.compactMap { executor in value(executor.statistics).map { MetricFamily.Sample(executor.labels, $0) } }
            return MetricFamily(name: name, help: help, kind: kind, labelNames: ["task", "framework", "executor"], samples: samples)
        }
        return [
            perTask("corral_agent_task_cpu_seconds_total", "CPU time the task's container used, user and system, in seconds.", .counter) {
                $0.cpusUserTimeSecs + $0.cpusSystemTimeSecs
            },
            perTask("corral_agent_task_memory_bytes", "Memory charged to the task's container now (its cgroup's usage; resident sets under posix).", .gauge) {
                $0.memTotalBytes.map { Double($0) }
            },
            perTask("corral_agent_task_memory_limit_bytes", "The memory limit of the task's container.", .gauge) { $0.memLimitBytes.map { Double($0) } },
            // Without cgroups (posix) there is no quota, and so nothing held back.
            perTask("corral_agent_task_throttled_seconds_total", "Time the CFS quota held the task's container back, in seconds.", .counter) {
                $0.cpusThrottledTimeSecs ?? 0
            },
            perTask("corral_agent_task_processes", "Processes in the task's container.", .gauge) { $0.processes.map { Double($0) } },
            // The agent's CPU time is left out: summed over the containers running now, it would
            // go down as tasks end, which a counter may not.
            .gauge(
                "corral_agent_memory_bytes", "Memory charged to every task on this agent together.",
                running.reduce(0) { $0 + Double($1.statistics.memTotalBytes ?? 0) }),
        ]
    }
}
