import ConsoleCore
import CorralModel

/// A busy cluster's refreshes, made up and deterministic (seeded): agents with usage, a few
/// frameworks, tasks that start, run and end every second, offers made and declined. What
/// `corral bench replay` writes an hour of, and what the history's tests record and replay.
public struct SyntheticCluster: Sendable {
    public let agentCount: Int
    public let taskCount: Int
    /// Tasks that end (and as many that start) each second.
    public let churn: Int
    public private(set) var snapshot: ClusterSnapshot
    private var random: SeededRandom
    private var nextTask = 0
    private var nextOffer = 0

    static let masterID = "7d3c1e0a-5b2f-4a8e-9c61-0f1e2d3c4b5a"
    static let frameworkNames = ["web", "batch", "etl", "ml"]

    public init(agents: Int = 100, tasks: Int = 2000, churn: Int = 20, start: Time = Time(seconds: 1_764_064_800), seed: UInt64 = 1) {
        agentCount = max(1, agents)
        taskCount = max(0, tasks)
        self.churn = max(0, min(churn, tasks))
        random = SeededRandom(seed: seed)
        snapshot = ClusterSnapshot(time: start, startedAt: start + -600, masterInfo: MasterInfo(id: Self.masterID, hostname: "master-1", version: "1.11.0"))
        snapshot.agents = (0..<agentCount).map(Self.agent)
        snapshot.frameworks = Self.frameworkNames.indices.map { Self.framework($0, at: start) }
        for _ in 0..<taskCount { snapshot.tasks.append(launch(at: start + -Double(random.next() % 500))) }
        recount()
    }

    /// One second later: `churn` tasks end and as many start, usage moves, an offer or two.
    public mutating func advance() -> (ClusterSnapshot, [ClusterEvent]) {
        let now = snapshot.time + 1
        snapshot.time = now
        var events: [ClusterEvent] = []
        for _ in 0..<churn where !snapshot.tasks.isEmpty {
            var ended = snapshot.tasks.remove(at: Int(random.next() % UInt64(snapshot.tasks.count)))
            let state: TaskState = random.next() % 10 == 0 ? .failed : .finished
            let status = TaskStatus(taskID: ended.id, state: state, source: .executor, agentID: ended.agentID, timestamp: now)
            ended.state = state
            ended.statuses.append(status)
            snapshot.taskUsage[ended.key] = nil
            snapshot.completedTasks.append(ended)
            events.append(.taskUpdated(ended.key, status: status))
            let started = launch(at: now)
            snapshot.tasks.append(started)
            events += [.taskAdded(started), .taskUpdated(started.key, status: started.statuses[started.statuses.count - 1])]
        }
        if snapshot.completedTasks.count > 1000 { snapshot.completedTasks.removeFirst(snapshot.completedTasks.count - 1000) }
        // A tenth of the running tasks report new usage each second.
        for _ in 0..<(snapshot.tasks.count / 10) {
            let task = snapshot.tasks[Int(random.next() % UInt64(snapshot.tasks.count))]
            snapshot.taskUsage[task.key] = usage(at: now)
        }
        events += offers(at: now)
        recount()
        return (snapshot, events)
    }

    private mutating func offers(at now: Time) -> [ClusterEvent] {
        let agent = snapshot.agents[Int(random.next() % UInt64(agentCount))]
        let framework = snapshot.frameworks[Int(random.next() % UInt64(snapshot.frameworks.count))]
        nextOffer += 1
        let offer = Offer(
            id: OfferID("\(Self.masterID)-O\(nextOffer)"), frameworkID: framework.id, agentID: agent.id, hostname: agent.info.hostname,
            role: "*", resources: Resources([.scalar("cpus", 1), .scalar("mem", 512)]).allocated(to: "*"))
        snapshot.offersMade += 1
        snapshot.offers = [OfferSnapshot(offer: offer, createdAt: now)]
        return [.offerMade(offer), .offerDeclined(offer.id, frameworkID: framework.id, agentID: agent.id)]
    }

    private mutating func launch(at time: Time) -> TaskRecord {
        nextTask += 1
        let framework = snapshot.frameworks[nextTask % snapshot.frameworks.count]
        let agent = snapshot.agents[Int(random.next() % UInt64(agentCount))]
        let id = TaskID("\(framework.info.name)-\(nextTask)")
        let statuses = [TaskStatus(taskID: id, state: .starting, source: .executor, agentID: agent.id, timestamp: time),
                        TaskStatus(taskID: id, state: .running, source: .executor, agentID: agent.id, timestamp: time + 0.2)]
        snapshot.taskUsage[TaskKey(framework.id, id)] = usage(at: time)
        return TaskRecord(
            id: id, name: framework.info.name, frameworkID: framework.id, agentID: agent.id, role: "*",
            resources: Resources([.scalar("cpus", 0.1), .scalar("mem", 64)]).allocated(to: "*"), command: .shell("sleep 600"),
            state: .running, statuses: statuses, launchedAt: time)
    }

    private mutating func usage(at time: Time) -> ResourceUsage {
        ResourceUsage(cpusUsed: Double(random.next() % 100) / 1000, memoryBytes: (32 + random.next() % 32) << 20, processes: 1, timestamp: time)
    }

    /// Agents' and frameworks' books from their tasks, as the master keeps them.
    private mutating func recount() {
        var perAgent: [AgentID: Int] = [:], perFramework: [FrameworkID: Int] = [:]
        for task in snapshot.tasks {
            perAgent[task.agentID, default: 0] += 1
            perFramework[task.frameworkID, default: 0] += 1
        }
        for index in snapshot.agents.indices {
            let count = perAgent[snapshot.agents[index].id] ?? 0
            snapshot.agents[index].taskCount = count
            snapshot.agents[index].used = Resources([.scalar("cpus", 0.1 * Double(count)), .scalar("mem", 64 * Double(count))]).allocated(to: "*")
        }
        for index in snapshot.frameworks.indices {
            let count = perFramework[snapshot.frameworks[index].id] ?? 0
            snapshot.frameworks[index].taskCount = count
            snapshot.frameworks[index].dominantShare = 0.1 * Double(count) / (16 * Double(agentCount))
        }
    }

    static func agent(_ index: Int) -> AgentSnapshot {
        let id = AgentID("\(masterID)-S\(index)")
        let total = Resources([.scalar("cpus", 16), .scalar("mem", 65536), .ranges("ports", [31000...32000])])
        return AgentSnapshot(
            info: AgentInfo(id: id, hostname: "node-\(index + 1)", resources: total), id: id, active: true, registeredAt: Time(seconds: 1_764_000_000),
            total: total, used: Resources(), offered: Resources(), usage: ResourceUsage(cpusUsed: 1, memoryBytes: 1 << 30), taskCount: 0, isolation: "cgroups/v1")
    }

    static func framework(_ index: Int, at time: Time) -> FrameworkSnapshot {
        let id = FrameworkID("\(masterID)-000\(index)")
        return FrameworkSnapshot(
            info: FrameworkInfo(user: "root", name: frameworkNames[index], id: id), id: id, active: true, connected: true, registeredAt: time + -600,
            dominantShare: 0, used: Resources(), offered: Resources(), taskCount: 0, offerCount: 0)
    }
}
