import CorralHTTPServer
import CorralMetrics
import CorralModel
import Hummingbird

/// The agent's `/metrics`: its metrics in Prometheus's text format (its JSON is
/// `/metrics/snapshot`, as Mesos's). The agent's totals come as `corral_agent_…` (Mesos's
/// `slave/…` names), and each running task's container as `corral_agent_task_…` labelled with
/// its `task`, `framework` and `executor`. With `--authenticate-http-readonly` it needs
/// credentials, and the `get_endpoints` ACL decides who may read it, as for Mesos's metrics.
struct AgentPrometheusEndpoint: Sendable {
    let reading: @Sendable () async -> AgentMetricsReading?
    let metrics: ServerMetrics
    let authenticator: HTTPAuthenticator
    let acls: ACLs

    func respond(to request: Request) async throws(HTTPProblem) -> Response {
        guard request.method == .get || request.method == .head else {
            throw HTTPProblem(.methodNotAllowed, "Expecting a 'GET' request, received '\(request.method)'", headers: [.allow: "GET"])
        }
        let principal = try authenticator.principal(of: request, realm: MesosRealm.agentReadonly)
        guard acls.allows(.getEndpoints, principal: principal, object: "/metrics") else {
            throw HTTPProblem(.forbidden, "Principal '\(principal ?? "anonymous")' may not GET /metrics")
        }
        guard let reading = await reading() else { throw HTTPProblem(.serviceUnavailable, "Agent has not finished recovery") }
        return .prometheus(metrics.exposition(AgentPrometheus.families(reading)))
    }
}

/// An agent's reading under Prometheus's names.
enum AgentPrometheus {
    static func families(_ reading: AgentMetricsReading) -> [MetricFamily] {
        totals(reading.values) + usage(reading)
    }

    /// `slave/tasks_running` → `corral_agent_tasks_running`, … (see `MesosMetricNames`).
    private static func totals(_ values: [String: Double]) -> [MetricFamily] {
        MesosMetricNames.families(values.filter { $0.key.hasPrefix("slave/") }.map { (name: $0.key, value: $0.value) })
    }

    /// Each task's container, then the agent's own usage.
    private static func usage(_ reading: AgentMetricsReading) -> [MetricFamily] {
        let labels = reading.tasks.map { [$0.key.taskID.value, $0.key.frameworkID.value, $0.executorID.value] }
        func perTask(_ name: String, _ help: String, _ kind: MetricFamily.Kind, _ value: (ResourceUsage) -> Double?) -> MetricFamily {
            let samples = zip(labels, reading.tasks).compactMap { labels, task in value(task.usage).map { MetricFamily.Sample(labels, $0) } }
            return MetricFamily(name: name, help: help, kind: kind, labelNames: ["task", "framework", "executor"], samples: samples)
        }
        var families: [MetricFamily] = [
            perTask("corral_agent_task_cpu_seconds_total", "CPU time the task's container used, user and system, in seconds.", .counter) { $0.cpuTimeSeconds },
            perTask("corral_agent_task_memory_bytes", "Memory charged to the task's container now (its cgroup's usage; resident sets under posix).", .gauge) {
                Double($0.memoryBytes)
            },
            perTask("corral_agent_task_memory_limit_bytes", "The memory limit of the task's container.", .gauge) { $0.memoryLimitBytes.map { Double($0) } },
            perTask("corral_agent_task_throttled_seconds_total", "Time the CFS quota held the task's container back, in seconds.", .counter) { $0.throttledSeconds },
            perTask("corral_agent_task_processes", "Processes in the task's container.", .gauge) { Double($0.processes) },
        ]
        // The agent's own memory; its CPU time is left out: under posix it is the sum over the
        // processes alive now, and would go down as tasks end, which a counter may not.
        if let total = reading.total {
            families.append(.gauge("corral_agent_memory_bytes", "Memory charged to every task on this agent together.", Double(total.memoryBytes)))
        }
        return families
    }
}
