import CorralModel

@testable import ConsoleCore

/// A small cluster frozen at one moment: three agents, two frameworks, tasks in several states
/// and a few offers. Golden frames are drawn from it.
enum ClusterFixture {
    static let start = Time(seconds: 1_764_064_800)  // 10:00:00 UTC
    static let now = start + 125

    static func resources(_ text: String) -> Resources { try! Resources(parsing: text) }

    static let masterID = "5f0c6a2e-9d1b-4c3a-8e7f-1a2b3c4d5e6f"
    static func agentID(_ index: Int) -> AgentID { AgentID("\(masterID)-S\(index)") }
    static let web = FrameworkID("\(masterID)-0000")
    static let batch = FrameworkID("\(masterID)-0001")

    static func task(_ id: String, _ name: String, _ framework: FrameworkID, agent: Int, _ state: TaskState, cpus: Double, mem: Double, age: Double, reason: TaskStatus.Reason? = nil, message: String? = nil) -> TaskRecord {
        let launched = now + -age
        var statuses = [TaskStatus(taskID: TaskID(id), state: .starting, source: .executor, timestamp: launched + 0.01)]
        if state != .starting {
            statuses.append(TaskStatus(taskID: TaskID(id), state: .running, source: .executor, timestamp: launched + 0.02))
        }
        if state != .running && state != .starting {
            statuses.append(TaskStatus(taskID: TaskID(id), state: state, source: .executor, reason: reason, message: message, timestamp: launched + age / 2))
        }
        return TaskRecord(
            id: TaskID(id), name: name, frameworkID: framework, agentID: agentID(agent), role: "*",
            resources: resources("cpus:\(cpus);mem:\(mem)").allocated(to: "*"), command: .shell("sleep 600"), state: state,
            statuses: statuses, launchedAt: launched)
    }

    static var snapshot: ClusterSnapshot {
        let tasks = [
            task("web-1", "web", web, agent: 0, .running, cpus: 1, mem: 512, age: 120),
            task("web-2", "web", web, agent: 1, .running, cpus: 1, mem: 512, age: 118),
            task("web-3", "web", web, agent: 2, .killing, cpus: 1, mem: 512, age: 60),
            task("etl-7", "etl nightly", batch, agent: 0, .running, cpus: 2, mem: 256, age: 30),
        ]
        let completed = [
            task("etl-6", "etl nightly", batch, agent: 1, .failed, cpus: 2, mem: 256, age: 90, reason: .commandExecutorFailed, message: "Command exited with status 3"),
            task("etl-5", "etl nightly", batch, agent: 2, .finished, cpus: 2, mem: 256, age: 100),
        ]
        let usage: [TaskKey: ResourceUsage] = [
            TaskKey(web, "web-1"): ResourceUsage(cpusUsed: 0.42, memoryBytes: 180 << 20),
            TaskKey(web, "web-2"): ResourceUsage(cpusUsed: 0.97, memoryBytes: 310 << 20, throttledFraction: 0.2),
            TaskKey(batch, "etl-7"): ResourceUsage(cpusUsed: 1.85, memoryBytes: 200 << 20),
        ]
        let agents = (0..<3).map { index in
            let onAgent = tasks.filter { $0.agentID == agentID(index) }
            let used = onAgent.reduce(Resources()) { $0 + $1.resources }
            let cpusUsed = onAgent.compactMap { usage[$0.key]?.cpusUsed }.reduce(0, +)
            let memory = onAgent.compactMap { usage[$0.key]?.memoryBytes }.reduce(0, +)
            let offered = index == 2 ? resources("cpus:3;mem:3584").allocated(to: "*") : Resources()
            return AgentSnapshot(
                info: AgentInfo(id: agentID(index), hostname: "node-\(index + 1)", resources: resources("cpus:4;mem:4096;ports:[31000-31999]")),
                id: agentID(index), active: true, registeredAt: start, total: resources("cpus:4;mem:4096;ports:[31000-31999]"),
                used: used, offered: offered,
                usage: ResourceUsage(cpusUsed: cpusUsed, memoryBytes: memory, throttledFraction: index == 1 ? 0.2 : 0),
                taskCount: onAgent.count, isolation: "cgroups/v1")
        }
        let frameworks = [
            FrameworkSnapshot(
                info: FrameworkInfo(name: "web", id: web), id: web, active: true, connected: true, registeredAt: start,
                dominantShare: 0.25, used: resources("cpus:3;mem:1536"), offered: Resources(), taskCount: 3, offerCount: 0),
            FrameworkSnapshot(
                info: FrameworkInfo(name: "batch", id: batch, roles: ["analytics"]), id: batch, active: true, connected: true,
                registeredAt: start + 10, dominantShare: 0.42, used: resources("cpus:2;mem:256"), offered: resources("cpus:3;mem:3584"),
                taskCount: 1, offerCount: 1),
        ]
        let offer = Offer(
            id: OfferID("\(masterID)-O41"), frameworkID: batch, agentID: agentID(2), hostname: "node-3", role: "*",
            resources: resources("cpus:3;mem:3584;ports:[31000-31999]").allocated(to: "*"))
        return ClusterSnapshot(
            time: now, startedAt: start, masterInfo: MasterInfo(id: masterID, hostname: "localhost", version: "1.11.0"),
            agents: agents, frameworks: frameworks, offers: [OfferSnapshot(offer: offer, createdAt: now + -4)], tasks: tasks,
            completedTasks: completed,
            roles: [
                RoleSnapshot(name: "*", weight: 1, dominantShare: 0.25, frameworks: [web], allocated: resources("cpus:3;mem:1536")),
                RoleSnapshot(name: "analytics", weight: 2, dominantShare: 0.21, frameworks: [batch], allocated: resources("cpus:2;mem:256")),
            ],
            nextFramework: web, offersMade: 40, taskUsage: usage)
    }

    static var events: [ClusterEvent] {
        let snapshot = self.snapshot
        return [
            .agentAdded(snapshot.agents[0]),
            .frameworkAdded(snapshot.frameworks[0]),
            .taskAdded(snapshot.tasks[0]),
            .taskUpdated(TaskKey(web, "web-1"), status: TaskStatus(taskID: "web-1", state: .running)),
            .taskUpdated(TaskKey(batch, "etl-6"), status: TaskStatus(taskID: "etl-6", state: .failed, reason: .commandExecutorFailed, message: "Command exited with status 3")),
            .offerMade(Offer(id: OfferID("\(masterID)-O40"), frameworkID: web, agentID: agentID(1), hostname: "node-2", role: "*", resources: resources("cpus:1;mem:1024").allocated(to: "*"))),
            .offerDeclined(OfferID("\(masterID)-O40"), frameworkID: web, agentID: agentID(1)),
        ]
    }

    /// A model that has seen the fixture: ready to draw.
    static func model(themeNames: [String] = ["default", "light", "high-contrast", "monochrome"]) -> ConsoleModel {
        var model = ConsoleModel(now: start, themeNames: themeNames)
        var earlier = snapshot
        earlier.time = now + -1
        earlier.offersMade = 28
        for (index, share) in [0.0, 0.1, 0.2, 0.25].enumerated() {
            earlier.frameworks[0].dominantShare = share
            earlier.frameworks[1].dominantShare = 0.42 * Double(index) / 3
            _ = model.update(.cluster(earlier, events: []))
        }
        _ = model.update(.cluster(snapshot, events: events))
        _ = model.update(.tick(now: now))
        return model
    }
}
