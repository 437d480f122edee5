import CorralMetrics
import Testing

/// Mesos's metric names to Prometheus's, one by one, for a master and for an agent.
@Suite struct MesosMetricNamesTests {
    static func byName(_ values: [(name: String, value: Double)]) -> [String: MetricFamily] {
        let families = MesosMetricNames.families(values)
        #expect(families.map(\.name) == families.map(\.name).sorted())
        return Dictionary(uniqueKeysWithValues: families.map { ($0.name, $0) })
    }

    @Test func agentsOffersUptimeAndEndedTasksGetPrometheusNamesAndTypes() {
        let byName = Self.byName([
            ("master/slaves_active", 3), ("master/outstanding_offers", 2), ("master/uptime_secs", 9.5),
            ("master/tasks_gone_by_operator", 1), ("master/tasks_unreachable", 4), ("master/mem_total", 2048), ("other/thing", 1),
        ])
        #expect(byName["corral_master_agents_active"]?.samples.first?.value == 3)
        #expect(byName["corral_master_offers_outstanding"]?.kind == .gauge)
        #expect(byName["corral_master_uptime_seconds"]?.help == "Seconds since this master started.")
        #expect(byName["corral_master_tasks_gone_by_operator_total"]?.kind == .counter, "an ended state counts")
        #expect(byName["corral_master_tasks_unreachable"]?.kind == .gauge, "an unreachable task may come back: a gauge")
        #expect(byName["corral_master_mem_total"]?.help == "Memory in megabytes of every registered agent.")
        #expect(byName.count == 6, "a name of neither a master nor an agent is left out")
    }

    @Test func anAgentsSlaveNamesAreCorralAgentNames() {
        let byName = Self.byName([("slave/tasks_running", 2), ("slave/tasks_finished", 7), ("slave/uptime_secs", 3), ("slave/cpus_total", 4)])
        #expect(byName["corral_agent_tasks_running"]?.kind == .gauge)
        #expect(byName["corral_agent_tasks_finished_total"]?.help == "Tasks that ended in TASK_FINISHED since this agent started.")
        #expect(byName["corral_agent_uptime_seconds"]?.samples.first?.value == 3)
        #expect(byName["corral_agent_cpus_total"]?.help == "CPUs this agent has for tasks.")
    }
}
