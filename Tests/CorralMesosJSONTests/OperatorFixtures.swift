@testable import CorralMesosJSON
@testable import CorralModel

/// Snapshots the operator and legacy tests encode: one small cluster whose every field shows in
/// the output, and a large generated one for timing.
enum OperatorFixtures {
    static let masterInfo = MasterInfo(id: "master-1", hostname: "m1", version: "1.11.0")
    static let master = MasterDescription(
        versionInfo: VersionInfo(
            version: "1.11.0", buildDate: "2026-01-02 03:04:05", buildTime: 1_767_322_245, buildUser: "corral",
            gitSHA: "abc123"),
        flags: ["port": "5050", "allocation_interval": "1secs"])

    static func allocated(_ text: String, to role: String) -> Resources {
        (try! Resources(parsing: text)).allocated(to: role)
    }

    static func status(_ task: TaskID, _ state: TaskState, at seconds: Double, uuid: Bool = true) -> TaskStatus {
        TaskStatus(
            taskID: task, state: state, source: .executor, agentID: "S1", timestamp: Time(seconds: seconds),
            uuid: uuid ? Array(0..<16) : nil)
    }

    /// One agent, one framework with one offer, a running task, an unreachable one, an ended
    /// one, one role. Launch times equal first statuses' times, so a GET_STATE round trip keeps them.
    static var small: ClusterSnapshot {
        let agentInfo = AgentInfo(
            id: "S1", hostname: "node-1", resources: try! Resources(parsing: "cpus:4;mem:8192;ports:[31000-32000]"),
            attributes: [Attribute(name: "rack", value: .text("r1"))])
        let agent = AgentSnapshot(
            info: agentInfo, id: "S1", active: true, registeredAt: Time(seconds: 1_700_000_010), total: agentInfo.resources,
            used: allocated("cpus:1.5;mem:384;ports:[31000-31000]", to: "web"), offered: allocated("cpus:2", to: "web"),
            usage: nil, taskCount: 2, isolation: nil)
        let framework = FrameworkSnapshot(
            info: FrameworkInfo(name: "marathon", id: "F1", roles: ["web"], hostname: "h1"), id: "F1", active: true,
            connected: true, registeredAt: Time(seconds: 1_700_000_020), dominantShare: 0,
            used: allocated("cpus:1.5;mem:384;ports:[31000-31000]", to: "web"), offered: allocated("cpus:2", to: "web"),
            taskCount: 2, offerCount: 1)
        let offer = Offer(id: "O1", frameworkID: "F1", agentID: "S1", hostname: "node-1", role: "web", resources: allocated("cpus:2", to: "web"))
        let running = TaskRecord(
            id: "T1", name: "web-1", frameworkID: "F1", agentID: "S1", role: "web",
            resources: allocated("cpus:1;mem:256;ports:[31000-31000]", to: "web"), command: nil, state: .running,
            statuses: [status("T1", .running, at: 1_700_000_030)], launchedAt: Time(seconds: 1_700_000_030),
            labels: [Label(key: "app", value: "web")])
        let unreachable = TaskRecord(
            id: "T2", name: "web-2", frameworkID: "F1", agentID: "S1", role: "web", resources: allocated("cpus:0.5;mem:128", to: "web"),
            command: nil, state: .unreachable,
            statuses: [status("T2", .running, at: 1_700_000_040), status("T2", .unreachable, at: 1_700_000_050, uuid: false)],
            launchedAt: Time(seconds: 1_700_000_040))
        let finished = TaskRecord(
            id: "T0", name: "web-0", frameworkID: "F1", agentID: "S1", role: "web", resources: allocated("cpus:1", to: "web"),
            command: nil, state: .finished,
            statuses: [status("T0", .running, at: 1_700_000_025), status("T0", .finished, at: 1_700_000_026)],
            launchedAt: Time(seconds: 1_700_000_025))
        return ClusterSnapshot(
            time: Time(seconds: 1_700_000_100), startedAt: Time(seconds: 1_700_000_000), masterInfo: masterInfo,
            agents: [agent], frameworks: [framework], offers: [OfferSnapshot(offer: offer, createdAt: Time(seconds: 1_700_000_090))],
            tasks: [running, unreachable], completedTasks: [finished],
            roles: [RoleSnapshot(name: "web", weight: 2, dominantShare: 0.25, frameworks: ["F1"], allocated: allocated("cpus:1.5;mem:384", to: "web"))])
    }

    /// `agents` agents and `tasks` tasks spread over 20 frameworks, shaped like a busy cluster:
    /// what the HTTP issue's benchmark encodes.
    static func large(agents agentCount: Int, tasks taskCount: Int) -> ClusterSnapshot {
        let start = Time(seconds: 1_700_000_000)
        let total = try! Resources(parsing: "cpus:32;mem:131072;disk:1000000;ports:[31000-32000]")
        let frameworks = (0..<20).map { index in
            FrameworkSnapshot(
                info: FrameworkInfo(name: "framework-\(index)", id: FrameworkID("F\(index)"), roles: ["role-\(index % 4)"]),
                id: FrameworkID("F\(index)"), active: true, connected: true, registeredAt: start, dominantShare: 0.01,
                used: Resources(), offered: Resources(), taskCount: taskCount / 20, offerCount: 0)
        }
        var tasks: [TaskRecord] = []
        tasks.reserveCapacity(taskCount)
        for index in 0..<taskCount {
            let taskID = TaskID("task-\(index)")
            let agentID = AgentID("S\(index % agentCount)")
            let launched = start + Double(index % 3600)
            tasks.append(
                TaskRecord(
                    id: taskID, name: "service-\(index % 50)", frameworkID: FrameworkID("F\(index % 20)"), agentID: agentID,
                    role: "role-\(index % 4)",
                    resources: Resources([.scalar("cpus", 0.5), .scalar("mem", 256), .ranges("ports", [31000...31000])])
                        .allocated(to: "role-\(index % 4)"),
                    command: .shell("sleep 600"), state: .running,
                    statuses: [
                        TaskStatus(taskID: taskID, state: .starting, source: .executor, agentID: agentID, timestamp: launched + 0.25),
                        TaskStatus(
                            taskID: taskID, state: .running, source: .executor, agentID: agentID, timestamp: launched + 0.5,
                            uuid: Array(repeating: UInt8(index & 0xFF), count: 16)),
                    ],
                    launchedAt: launched))
        }
        let agents = (0..<agentCount).map { index in
            AgentSnapshot(
                info: AgentInfo(id: AgentID("S\(index)"), hostname: "node-\(index).example.com", resources: total),
                id: AgentID("S\(index)"), active: true, registeredAt: start, total: total,
                used: Resources([.scalar("cpus", 5), .scalar("mem", 2560)]).allocated(to: "role-0"), offered: Resources(),
                usage: nil, taskCount: taskCount / agentCount, isolation: "cgroups/v2")
        }
        return ClusterSnapshot(
            time: start + 3600, startedAt: start, masterInfo: MasterInfo(id: "bench", hostname: "localhost", version: "1.11.0"),
            agents: agents, frameworks: frameworks, tasks: tasks)
    }
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}

/// The keys of a JSON object's members, in document order.
func topLevelKeys(_ json: [UInt8]) throws -> [String] {
    guard case .object(let object) = try MesosJSON.parse(json) else { return [] }
    return object.members.map(\.key)
}
