import CoreMetrics
import CorralAllocator
import CorralModel
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The master: a `MasterCore` and the connections its actions go out on.
///
/// Every input becomes a `MasterEvent` handled by the core, and every resulting action is
/// carried out before the next input is looked at — sending never suspends — so the order the
/// core decided is the order the world sees. `run()` drives time: periodic ticks and the
/// coalesced allocation passes the core asks for.
public actor Master {
    private var core: MasterCore
    private let clock: any ClusterClock
    private let logger: Logger
    private let registry: any MasterRegistry
    private var frameworkSinks: [ConnectionID: SchedulerEventSink] = [:]
    private var frameworkConnections: [FrameworkID: ConnectionID] = [:]
    private var agentLinks: [ConnectionID: any AgentLink] = [:]
    private var agentConnections: [AgentID: ConnectionID] = [:]
    private var observers: [Int: AsyncStream<ClusterEvent>.Continuation] = [:]
    private var nextConnection: UInt64 = 1
    private var nextObserver = 0
    private let allocationRequests: AsyncStream<Void>
    private let allocationRequester: AsyncStream<Void>.Continuation
    /// Wakes `run()` at the core's next deadline.
    private var timer: DeadlineTimer?
    /// How long each allocation pass takes (`corral_allocator_cycle_seconds`).
    private let allocationCycle: CoreMetrics.Timer

    /// A master that recovers from `registry` (by default one of its own that lives as long as
    /// it does). Throws when the registry cannot be read. Its instruments (the allocation
    /// passes' times) record through `metrics`; by default nowhere.
    public init(
        configuration: MasterConfiguration = MasterConfiguration(), clock: any ClusterClock = SystemClock(), seed: UInt64,
        registry: (any MasterRegistry)? = nil, metrics: any MetricsFactory = NOOPMetricsHandler.instance, logger: Logger
    ) throws {
        var random = SeededRandom(seed: seed ^ 0x5EED)
        let registry = registry ?? InMemoryRegistry(clusterID: MasterCore.makeUUID(&random))
        let state = try registry.recover()
        self.core = MasterCore(configuration: configuration, seed: seed, now: clock.now, registry: state)
        self.registry = registry
        self.clock = clock
        self.logger = logger
        allocationCycle = CoreMetrics.Timer(label: Self.allocationCycleMetric, factory: metrics)
        (allocationRequests, allocationRequester) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        if !state.admitted.isEmpty {
            logger.info("recovered the registry: \(state.admitted.count) agent(s) have \(formatScalar(configuration.agentReregisterTimeout.seconds)) s to re-register", metadata: ["cluster": "\(state.clusterID)"])
        }
    }

    public var info: MasterInfo { core.masterInfo }

    /// The histogram of allocation passes' times, in seconds.
    public static let allocationCycleMetric = "corral_allocator_cycle_seconds"

    /// Records the port the HTTP server bound, for SUBSCRIBED's `master_info` and the operator API.
    public func listening(port: Int) { core.listening(port: port) }
    public var configuration: MasterConfiguration { core.configuration }

    /// Drives the master's time until cancelled: a tick whenever the core's next deadline comes
    /// (periodic allocation, offer and failover timeouts, silent agents), and an allocation pass
    /// soon after each event that freed or added resources.
    public func run() async {
        let timer = DeadlineTimer(clock: clock) { [weak self] in await self?.tick() }
        self.timer = timer
        timer.arm(at: core.nextDeadline)
        for await _ in allocationRequests { handle(.allocate) }
        timer.disarm()
        self.timer = nil
    }

    private func tick() { handle(.tick) }

    // MARK: Frameworks

    /// Subscribes a framework. The stream's first event is SUBSCRIBED with its framework ID;
    /// when the caller stops reading the stream, the framework counts as disconnected.
    ///
    /// `host` is where the framework subscribed from (its connection's peer), nil for one in
    /// this process: a framework that names no hostname gets it (or the master's own), so
    /// that operators see where each runs. Mesos's own scheduler driver fills it in likewise.
    public func subscribe(_ info: FrameworkInfo, suppressedRoles: [String] = [], from host: String? = nil) -> AsyncStream<SchedulerEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: SchedulerEvent.self)
        let subscription = subscribe(info, suppressedRoles: suppressedRoles, from: host, into: SchedulerEventSink(continuation))
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _Concurrency.Task { await self.unsubscribe(subscription) }
        }
        return stream
    }

    /// Subscribes a framework whose events go to `sink` as the master sends them, SUBSCRIBED
    /// first, before this returns. Whoever reads them calls `unsubscribe` when it stops: the
    /// framework then counts as disconnected.
    public func subscribe(_ info: FrameworkInfo, suppressedRoles: [String] = [], from host: String? = nil, into sink: SchedulerEventSink) -> FrameworkSubscription {
        var info = info
        if info.hostname?.isEmpty ?? true { info.hostname = host ?? core.masterInfo.hostname }
        let connection = makeConnection()
        frameworkSinks[connection] = sink
        handle(.subscribe(info, suppressedRoles: suppressedRoles, connection: connection))
        return FrameworkSubscription(connection: connection)
    }

    /// The subscription's reader has gone (nothing happens when the master ended it first).
    public func unsubscribe(_ subscription: FrameworkSubscription) {
        let connection = subscription.connection
        guard frameworkSinks.removeValue(forKey: connection) != nil else { return }
        guard let frameworkID = frameworkConnections.first(where: { $0.value == connection })?.key else { return }
        frameworkConnections[frameworkID] = nil
        handle(.frameworkDisconnected(frameworkID, connection: connection))
    }

    /// A call from a subscribed framework. With `principal` (the caller authenticated), only the
    /// principal the framework registered with may make it.
    public func call(_ call: SchedulerCall, from frameworkID: FrameworkID, principal: String? = nil) throws(MasterError) {
        guard core.knows(frameworkID) else { throw .unknownFramework(frameworkID) }
        if let principal, let owner = core.principal(of: frameworkID), owner != principal {
            throw .wrongPrincipal(frameworkID, principal: principal)
        }
        guard frameworkConnections[frameworkID] != nil else { throw .frameworkNotSubscribed(frameworkID) }
        handle(.call(frameworkID, call))
    }

    // MARK: Agents

    /// Registers an agent reachable through `link`, or an agent coming back with what it still
    /// holds; returns the ID the master gave it and the connection to name when it drops.
    /// Throws `AgentRefused` for an agent marked gone.
    public func registerAgent(
        _ info: AgentInfo, isolation: String?, inventory: AgentInventory = .empty, principal: String? = nil, link: any AgentLink
    ) throws(AgentRefused) -> (agentID: AgentID, connection: ConnectionID) {
        let connection = makeConnection()
        agentLinks[connection] = link
        let actions = handle(.registerAgent(info, isolation: isolation, inventory: inventory, connection: connection, principal: principal))
        for action in actions {
            switch action {
            case .bindAgent(connection, let id): return (id, connection)
            case .refuseAgent(connection, let reason):
                agentLinks[connection] = nil
                throw AgentRefused(reason: reason)
            default: continue
            }
        }
        return (info.id ?? AgentID(""), connection)
    }

    public func agentDraining(_ agentID: AgentID) {
        handle(.agentDraining(agentID))
    }

    public func agentPing(_ agentID: AgentID) {
        handle(.agentPing(agentID))
    }

    /// The connection an agent registered on dropped.
    public func agentDisconnected(_ agentID: AgentID, connection: ConnectionID) {
        handle(.agentDisconnected(agentID, connection: connection))
        agentLinks[connection] = nil
    }

    public func statusUpdate(_ update: StatusUpdate, from agentID: AgentID) {
        handle(.statusUpdate(agentID, update))
    }

    public func usage(_ usage: AgentUsage) {
        handle(.usage(usage))
    }

    /// The agent unregistered (it drained, or shut down in an embedded cluster): it is forgotten.
    public func agentUnregistered(_ agentID: AgentID, reason: String) {
        handle(.agentUnregistered(agentID, reason: reason))
        if let connection = agentConnections.removeValue(forKey: agentID) { agentLinks[connection] = nil }
    }

    /// MARK_AGENT_GONE. Returns false when the master has never heard of the agent.
    public func markAgentGone(_ agentID: AgentID) -> Bool {
        guard core.knowsAgent(agentID) else { return false }
        handle(.markAgentGone(agentID))
        return true
    }

    // MARK: Operators and observers

    /// An operator's TEARDOWN: removes the framework whether or not it is connected. Returns
    /// false when the master does not know it.
    public func teardown(_ frameworkID: FrameworkID) -> Bool {
        guard core.knows(frameworkID) else { return false }
        handle(.call(frameworkID, .teardown))
        return true
    }

    /// An operator's kill (Corral's KILL_TASK): the task's agent is told to kill it, as its
    /// framework would, and the end reaches the framework as usual. Says what came of it.
    public func killTask(_ key: TaskKey) -> OperatorKill {
        let verdict = core.operatorKill(of: key)
        if case .killing(let agentID) = verdict {
            handle(.call(key.frameworkID, .kill(taskID: key.taskID, agentID: agentID, killPolicy: nil)))
        }
        return verdict
    }

    /// The principal `frameworkID` registered with: nil when the master does not know the
    /// framework, `.some(nil)` when it registered without one.
    public func frameworkPrincipal(_ frameworkID: FrameworkID) -> String?? {
        core.knows(frameworkID) ? .some(core.principal(of: frameworkID)) : nil
    }

    /// The principal an agent ID belongs to (agents that authenticated), else nil.
    public func agentPrincipal(_ agentID: AgentID) -> String? { core.registry.principals[agentID] }

    public func setWeight(_ weight: Double, forRole role: String) {
        handle(.setWeight(role: role, weight: weight))
    }

    /// The quotas in force, by role, as the registry holds them.
    public var quotas: [String: RoleQuota] { core.registry.quotas }

    public func setQuota(_ quota: RoleQuota?, forRole role: String) {
        handle(.setQuota(role: role, quota: quota))
    }

    /// The cluster's events from now on. Pair with `snapshot()` for the state they apply to:
    /// subscribe first, then take the snapshot, and no event falls between the two.
    public func events() -> AsyncStream<ClusterEvent> {
        let id = nextObserver
        nextObserver += 1
        let (stream, continuation) = AsyncStream.makeStream(of: ClusterEvent.self, bufferingPolicy: .bufferingNewest(100_000))
        observers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _Concurrency.Task { await self.removeObserver(id) }
        }
        return stream
    }

    public func snapshot(ordered: Bool = true) -> ClusterSnapshot { core.snapshot(now: clock.now, ordered: ordered) }

    public func invariantViolations() -> [String] { core.invariantViolations() }

    /// Where a framework stands with the allocator now (the console's `w`).
    public func standing(of frameworkID: FrameworkID) -> FrameworkStanding? { core.standing(of: frameworkID, now: clock.now) }

    /// Why an outstanding offer went to its framework.
    public func reason(forOffer offerID: OfferID) -> (offer: Offer, reason: OfferReason)? { core.reason(forOffer: offerID) }

    /// Ends every framework stream and observer: the master is going away.
    public func shutdown() {
        for sink in frameworkSinks.values { sink.finish() }
        for continuation in observers.values { continuation.finish() }
        frameworkSinks = [:]
        observers = [:]
        allocationRequester.finish()
    }

    private func removeObserver(_ id: Int) { observers[id] = nil }

    // MARK: Carrying out the core's decisions

    @discardableResult
    private func handle(_ event: MasterEvent) -> [MasterAction] {
        let now = clock.now
        let cycles = core.allocationCycles
        let actions = core.handle(event, now: now)
        // The core reads no clock: its allocator is timed here, around the event it ran in (a
        // periodic pass's time includes the tick's expiries, which are cheap beside it).
        if core.allocationCycles != cycles { allocationCycle.record(clock.now - now) }
        for action in actions { perform(action) }
        // An event that brings the deadline forward (an offer, a disconnection) re-arms the
        // timer; one that moves it back (an agent heard from) costs an early tick, not a new
        // timer per event. Pings and usage only ever move an agent's silence deadline later,
        // and every agent sends them each second: working out the next deadline for each (a
        // walk over every agent) cost the master N² a second.
        switch event {
        case .agentPing, .usage: break
        default: timer?.arm(notAfter: core.nextDeadline)
        }
        return actions
    }

    private func perform(_ action: MasterAction) {
        switch action {
        case .persist(let change):
            persist(change)
        case .refuseAgent(let connection, _):
            agentLinks[connection] = nil
        case .disconnectAgent(let connection):
            agentLinks[connection]?.close()
        case .shutdownAgent(let agentID, let reason):
            link(agentID)?.send(.shutdown(reason: reason))
        case .bindFramework(let connection, let id):
            frameworkConnections[id] = connection
        case .closeConnection(let connection):
            if let id = frameworkConnections.first(where: { $0.value == connection })?.key { frameworkConnections[id] = nil }
            frameworkSinks.removeValue(forKey: connection)?.finish()
        case .refuseSubscription(let connection, let reason):
            frameworkSinks[connection]?.deliver(.error(reason))
            frameworkSinks.removeValue(forKey: connection)?.finish()
        case .send(let id, let event):
            guard let connection = frameworkConnections[id] else { return }
            frameworkSinks[connection]?.deliver(event)
        case .bindAgent(let connection, let id):
            if let old = agentConnections[id], old != connection { agentLinks[old] = nil }
            agentConnections[id] = connection
        case .launch(let agentID, let request):
            link(agentID)?.send(.launch(request))
        case .kill(let agentID, let frameworkID, let taskID, let policy):
            link(agentID)?.send(.kill(frameworkID, taskID, policy))
        case .acknowledge(let agentID, let frameworkID, let taskID, let uuid):
            link(agentID)?.send(.acknowledge(frameworkID, taskID, uuid: uuid))
        case .shutdownFramework(let agentID, let frameworkID):
            link(agentID)?.send(.shutdownFramework(frameworkID))
        case .publish(let event):
            for observer in observers.values { observer.yield(event) }
        case .scheduleAllocation:
            allocationRequester.yield()
        }
    }

    /// Makes a registry change durable before anything that follows it happens. A master that
    /// cannot write its registry cannot keep its promises: like Mesos's, it stops, and its next
    /// start recovers from what was written.
    private func persist(_ change: RegistryChange) {
        do {
            try registry.apply([change])
        } catch {
            logger.critical("cannot write the registry; stopping", metadata: ["change": "\(change)", "error": "\(error)"])
            fatalRegistryFailure("\(error)")
        }
    }

    private func link(_ agentID: AgentID) -> (any AgentLink)? {
        agentConnections[agentID].flatMap { agentLinks[$0] }
    }

    private func makeConnection() -> ConnectionID {
        defer { nextConnection += 1 }
        return ConnectionID(nextConnection)
    }
}

extension CoreMetrics.Timer {
    /// Records `duration`, to the nanosecond (CoreMetrics takes integers).
    func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// The registry could not be written: the process exits at once (status 70, EX_SOFTWARE), so
/// that nothing acts on a change that is not durable. Restarting recovers from the registry.
func fatalRegistryFailure(_ problem: String) -> Never {
    let line = "corral master: cannot write the registry (\(problem)); exiting so that a restart recovers from what is durable\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(70)
}
