import CorralAllocator
import CorralModel

/// The master's whole logic as a value: `handle` takes an event and the time and returns what
/// must happen. It performs no I/O and reads no clock; its random choices come from a seeded
/// generator it owns, so a sequence of events always leads to the same actions.
public struct MasterCore: Sendable {
    struct FrameworkRecord: Sendable {
        var info: FrameworkInfo
        var connection: ConnectionID?
        var registeredAt: Time
        var disconnectedAt: ClusterInstant?
        var offers: Set<OfferID> = []
        var tasks: Set<TaskID> = []
        /// Learned from an agent that came back after a master restart; the framework itself has
        /// not subscribed to this master yet.
        var recovered = false
        var id: FrameworkID { info.id! }
        var connected: Bool { connection != nil }
    }

    struct AgentRecord: Sendable {
        var info: AgentInfo
        var connection: ConnectionID
        var registeredAt: Time
        var isolation: String?
        var active = true
        var offers: Set<OfferID> = []
        var tasks: Set<TaskKey> = []
        var usage: ResourceUsage?
        var lastSeen: ClusterInstant
        var connected = true
        var unreachable = false
        var id: AgentID { info.id! }
    }

    /// A LAUNCH_GROUP's executor: it holds its own resources until every task of it has ended.
    struct ExecutorRecord: Sendable {
        var frameworkID: FrameworkID
        var agentID: AgentID
        var resources: Resources
        var tasks: Set<TaskID>
    }

    struct OfferRecord: Sendable {
        var offer: Offer
        var createdAt: ClusterInstant
        /// Why the allocator gave it to this framework, as the orders stood then.
        var reason: OfferReason
    }

    public let configuration: MasterConfiguration
    public internal(set) var masterInfo: MasterInfo
    public let startedAt: Time
    public internal(set) var allocator: HierarchicalAllocator
    var random: SeededRandom
    var frameworks: [FrameworkID: FrameworkRecord] = [:]
    var agents: [AgentID: AgentRecord] = [:]
    /// Which agent registered from each `hostname:port`: a registration without an ID from
    /// there is that agent (see `registerAgent`); looked up, not searched, for every new agent.
    var agentsByAddress: [String: AgentID] = [:]
    var offers: [OfferID: OfferRecord] = [:]
    var tasks: [TaskKey: TaskRecord] = [:]
    var completedTasks: [TaskRecord] = []
    var completedFrameworks: [FrameworkSnapshot] = []
    /// What tasks that have not ended hold, kept up to date as tasks start and end so that a
    /// snapshot of 100,000 tasks need not add them all up again.
    var heldByAgent: [AgentID: Resources] = [:]
    var heldByFramework: [FrameworkID: (resources: Resources, tasks: Int)] = [:]
    var executors: [ExecutorKey: ExecutorRecord] = [:]
    var taskUsage: [TaskKey: ResourceUsage] = [:]
    /// What the registry holds, kept in step with every change the core asks to persist.
    public internal(set) var registry: RegistryState
    /// Agents the registry had admitted before this master started and that have not
    /// re-registered yet: they may still come back with their tasks until `recoveryDeadline`.
    var recovered: [AgentID: AgentInfo] = [:]
    var recoveryDeadline: ClusterInstant?
    /// No reachable agent falls silent before this. A lower bound, not the
    /// exact instant: pings only move an agent's deadline later, so it is made exact by the
    /// tick that walks every agent anyway, and `nextDeadline` needs no walk. Working it out
    /// afresh for every event cost a failover of 10,000 agents 50 million agent visits.
    var agentSilenceFloor = DeadlineFloor()
    /// No outstanding offer times out before this; a lower bound in the same way.
    var offerTimeoutFloor = DeadlineFloor()
    var lastRegistryGC: ClusterInstant
    var nextFrameworkNumber = 0
    var nextAgentNumber = 0
    var nextOfferNumber = 0
    var allocationScheduled = false
    var lastPeriodicAllocation: ClusterInstant
    public internal(set) var offersMade = 0
    /// How many tasks ended in each terminal state since this master started (Mesos's
    /// `master/tasks_finished`, … counters): the bounded history of ended tasks cannot say.
    public internal(set) var tasksEnded: [TaskState: Int] = [:]
    /// Allocation passes run since this master started, periodic and coalesced: the actor times
    /// the events during which this goes up.
    public internal(set) var allocationCycles = 0

    /// A master starting from what its registry holds (`registry`), or on a registry of its own
    /// that lives as long as it does. Agents the registry admitted get
    /// `agentReregisterTimeout` to come back; weights and quotas are in force at once.
    public init(configuration: MasterConfiguration = MasterConfiguration(), seed: UInt64, now: ClusterInstant, registry: RegistryState? = nil) {
        self.configuration = configuration
        var random = SeededRandom(seed: seed)
        let id = Self.makeUUID(&random)
        self.registry = registry ?? RegistryState(clusterID: Self.makeUUID(&random))
        self.random = random
        self.masterInfo = MasterInfo(
            id: id, port: configuration.port, hostname: configuration.hostname, version: configuration.version)
        self.startedAt = now.wall
        self.lastPeriodicAllocation = now
        self.lastRegistryGC = now
        self.allocator = HierarchicalAllocator(configuration: configuration.allocator)
        recover(now: now)
    }

    /// Where the master turned out to listen (with port 0, the port the system chose).
    public mutating func listening(ip: UInt32? = nil, port: Int) {
        masterInfo.port = port
        if let ip { masterInfo.ip = ip }
    }

    public mutating func handle(_ event: MasterEvent, now: ClusterInstant) -> [MasterAction] {
        var actions: [MasterAction] = []
        switch event {
        case .subscribe(let info, let suppressedRoles, let connection):
            subscribe(info, suppressedRoles: suppressedRoles, connection: connection, now: now, into: &actions)
        case .call(let frameworkID, let call):
            handleCall(call, from: frameworkID, now: now, into: &actions)
        case .frameworkDisconnected(let frameworkID, let connection):
            frameworkDisconnected(frameworkID, connection: connection, now: now, into: &actions)
        case .registerAgent(let info, let isolation, let inventory, let connection, let principal):
            registerAgent(info, isolation: isolation, inventory: inventory, connection: connection, principal: principal, now: now, into: &actions)
        case .agentUnregistered(let agentID, let reason):
            guard agents[agentID] != nil else { break }
            record(.remove(agentID), into: &actions)
            removeAgent(agentID, reason: reason, now: now, into: &actions)
        case .agentDraining(let agentID):
            heardFrom(agentID, now: now)
            agentDraining(agentID, now: now, into: &actions)
        case .markAgentGone(let agentID):
            markGone(agentID, now: now, into: &actions)
        case .agentPing(let agentID):
            heardFrom(agentID, now: now)
        case .agentDisconnected(let agentID, let connection):
            agentDisconnected(agentID, connection: connection, now: now, into: &actions)
        case .statusUpdate(let agentID, let update):
            heardFrom(agentID, now: now)
            statusUpdate(update, from: agentID, now: now, into: &actions)
        case .usage(let usage):
            heardFrom(usage.agentID, now: now)
            recordUsage(usage, into: &actions)
        case .allocate:
            allocationScheduled = false
            allocate(allAgents: false, now: now, into: &actions)
        case .tick:
            tick(now: now, into: &actions)
        case .setWeight(let role, let weight):
            // The operator API refuses these; the core never lets one reach the registry.
            guard weight.isFinite, weight > 0 else { break }
            record(.setWeight(role: role, weight: weight), into: &actions)
            allocator.setWeight(role, weight)
            requestAllocation(into: &actions)
        case .setQuota(let role, let quota):
            record(.setQuota(role: role, quota: quota), into: &actions)
            allocator.setQuota(role, quota)
            requestAllocation(into: &actions)
        }
        return actions
    }

    private mutating func handleCall(_ call: SchedulerCall, from frameworkID: FrameworkID, now: ClusterInstant, into actions: inout [MasterAction]) {
        guard frameworks[frameworkID] != nil else { return }
        switch call {
        case .teardown:
            removeFramework(frameworkID, now: now, into: &actions)
        case .accept(let offerIDs, let operations, let filters):
            accept(offerIDs, operations: operations, filters: filters, from: frameworkID, now: now, into: &actions)
        case .decline(let offerIDs, let filters):
            decline(offerIDs, filters: filters, from: frameworkID, now: now, into: &actions)
        case .revive(let roles):
            allocator.revive(frameworkID, roles: roles)
            requestAllocation(into: &actions)
        case .suppress(let roles):
            allocator.suppress(frameworkID, roles: roles)
        case .kill(let taskID, let agentID, let killPolicy):
            kill(taskID, agentID: agentID, killPolicy: killPolicy, of: frameworkID, now: now, into: &actions)
        case .shutdown(_, let agentID):
            if agents[agentID] != nil { actions.append(.shutdownFramework(agentID, frameworkID)) }
        case .acknowledge(let agentID, let taskID, let uuid):
            acknowledge(taskID, uuid: uuid, agentID: agentID, of: frameworkID, into: &actions)
        case .reconcile(let requested):
            reconcile(requested, of: frameworkID, now: now, into: &actions)
        case .message, .request:
            break  // Corral runs no custom executors to pass messages to; REQUEST is advisory in Mesos too.
        }
    }

    // MARK: Time

    private mutating func tick(now: ClusterInstant, into actions: inout [MasterAction]) {
        expireOffers(now: now, into: &actions)
        expireDisconnectedFrameworks(now: now, into: &actions)
        expireSilentAgents(now: now, into: &actions)
        expireRecoveredAgents(now: now, into: &actions)
        collectRegistryGarbage(now: now, into: &actions)
        if now - lastPeriodicAllocation >= configuration.allocationInterval {
            lastPeriodicAllocation = now
            allocate(allAgents: true, now: now, into: &actions)
        }
    }

    /// Asks for a registry change to be made durable, and applies it to the core's copy. The
    /// actor persists it before it carries out the actions that follow it.
    mutating func record(_ change: RegistryChange, into actions: inout [MasterAction]) {
        registry.apply(change)
        actions.append(.persist(change))
    }

    /// Asks the actor for a coalesced allocation pass, once until it runs.
    mutating func requestAllocation(into actions: inout [MasterAction]) {
        guard !allocationScheduled else { return }
        allocationScheduled = true
        actions.append(.scheduleAllocation)
    }

    // MARK: IDs

    static func makeUUID(_ random: inout SeededRandom) -> String {
        let hex = (0..<2).map { _ in String(random.next(), radix: 16).leftPadded(to: 16) }.joined()
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }

    mutating func makeFrameworkID() -> FrameworkID {
        defer { nextFrameworkNumber += 1 }
        return FrameworkID("\(masterInfo.id)-\(String(nextFrameworkNumber).leftPadded(to: 4))")
    }

    mutating func makeAgentID() -> AgentID {
        defer { nextAgentNumber += 1 }
        return AgentID("\(masterInfo.id)-S\(nextAgentNumber)")
    }

    mutating func makeOfferID() -> OfferID {
        defer { nextOfferNumber += 1 }
        return OfferID("\(masterInfo.id)-O\(nextOfferNumber)")
    }

    /// Counts a task that has not ended in the running totals (`sign` −1 takes it out).
    mutating func account(_ task: TaskRecord, sign: Int) {
        account(task.resources, tasks: 1, of: task.frameworkID, on: task.agentID, sign: sign)
    }

    /// Counts `tasks` tasks of a framework on an agent that hold `resources` between them.
    mutating func account(_ resources: Resources, tasks: Int, of frameworkID: FrameworkID, on agentID: AgentID, sign: Int) {
        if sign > 0 {
            heldByAgent[agentID, default: Resources()].add(resources)
            heldByFramework[frameworkID, default: (Resources(), 0)].resources.add(resources)
            heldByFramework[frameworkID, default: (Resources(), 0)].tasks += tasks
        } else {
            try? heldByAgent[agentID]?.subtract(resources)
            try? heldByFramework[frameworkID]?.resources.subtract(resources)
            heldByFramework[frameworkID]?.tasks -= tasks
        }
    }

    /// A status the master makes up itself: no uuid, so frameworks do not acknowledge it.
    func masterStatus(
        _ taskID: TaskID, _ state: TaskState, reason: TaskStatus.Reason?, message: String?,
        agentID: AgentID?, now: ClusterInstant
    ) -> TaskStatus {
        TaskStatus(taskID: taskID, state: state, source: .master, reason: reason, message: message, agentID: agentID, timestamp: now.wall)
    }
}

struct ExecutorKey: Hashable, Sendable {
    var frameworkID: FrameworkID
    var executorID: ExecutorID
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
