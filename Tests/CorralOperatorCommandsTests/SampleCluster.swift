import CorralModel

/// A small cluster as a master would describe it: two agents (one that dropped its connection),
/// two frameworks, tasks running and ended, and agents unreachable, gone and not back yet.
enum SampleCluster {
    static let start = Time(seconds: 1_700_000_000)

    static func resources(_ text: String) -> Resources {
        (try? Resources(parsing: text)) ?? Resources()
    }

    static func task(_ id: String, _ framework: FrameworkID, on agent: AgentID, _ state: TaskState, launched: Double = 0, resources text: String = "cpus:0.1;mem:32") -> TaskRecord {
        TaskRecord(
            id: TaskID(id), name: id, frameworkID: framework, agentID: agent, role: "*", resources: resources(text), command: nil,
            state: state, launchedAt: Time(seconds: start.seconds + launched))
    }

    static func framework(_ id: FrameworkID, _ name: String, roles: [String] = ["*"], connected: Bool = true, tasks: Int = 0, used: String = "") -> FrameworkSnapshot {
        FrameworkSnapshot(
            info: FrameworkInfo(user: "root", name: name, id: id, roles: roles), id: id, active: connected, connected: connected, registeredAt: start,
            dominantShare: 0, used: resources(used), offered: Resources(), taskCount: tasks, offerCount: 0)
    }

    static func agent(_ id: AgentID, port: Int, active: Bool = true, used: String = "", tasks: Int = 0) -> AgentSnapshot {
        let total = resources("cpus:4;mem:8192;disk:10240;ports:[31000-32000]")
        return AgentSnapshot(
            info: AgentInfo(id: id, hostname: "10.0.0.1", port: port, resources: total), id: id, active: active, registeredAt: start,
            total: total, used: resources(used), offered: Resources(), usage: nil, taskCount: tasks, isolation: nil)
    }

    static let web: FrameworkID = "M-0001"
    static let batch: FrameworkID = "M-0002"

    static var snapshot: ClusterSnapshot {
        var snapshot = ClusterSnapshot(
            time: start, startedAt: start, masterInfo: MasterInfo(id: "M", hostname: "10.0.0.9", version: "1.11.0"),
            agents: [agent("M-S1", port: 5052, active: false), agent("M-S0", port: 5051, used: "cpus:0.6;mem:160", tasks: 2)],
            frameworks: [framework(batch, "jobs", connected: false), framework(web, "services", roles: ["web", "ops"], tasks: 2, used: "cpus:0.6;mem:160")],
            tasks: [
                task("web-2", web, on: "M-S0", .running, launched: 5, resources: "cpus:0.5;mem:128;ports:[31000-31000]"),
                task("web-1", web, on: "M-S0", .staging, launched: 6),
            ],
            completedTasks: [task("report", batch, on: "M-S9", .finished, launched: 1)])
        snapshot.unreachableAgents = [AgentAbsence(agentID: "M-S1", since: start), AgentAbsence(agentID: "M-S7", since: start)]
        snapshot.goneAgents = [AgentAbsence(agentID: "M-S8", since: start)]
        snapshot.recoveredAgents = [AgentInfo(id: "M-S3", hostname: "10.0.0.3", port: 5051, resources: resources("cpus:2;mem:1024"))]
        return snapshot
    }
}
