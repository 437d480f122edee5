import CorralModel
import Logging

/// Subscribes a framework to a master through a transport, hands each event to the scheduler
/// in order, and carries the scheduler's calls back.
///
/// ```swift
/// let driver = SchedulerDriver(scheduler: MyScheduler(), framework: FrameworkInfo(name: "mine"), transport: transport)
/// try await driver.run()   // until stop(), teardown, or an ERROR from the master
/// ```
public actor SchedulerDriver {
    public private(set) var framework: FrameworkInfo
    public var frameworkID: FrameworkID? { framework.id }
    let scheduler: any Scheduler
    private let transport: any SchedulerTransport
    private let implicitAcknowledgements: Bool
    private let suppressedRoles: [String]
    let logger: Logger
    let reconciliation: ReconciliationPolicy
    let clock: any ClusterClock
    private var stopped = false
    private var subscription: _Concurrency.Task<Void, any Error>?
    private var reconciler: _Concurrency.Task<Void, Never>?
    private var reconnectDelay: Duration = .zero
    /// The tasks the framework has, as far as the driver knows: launched through it, heard of,
    /// or named by the scheduler after a restart, until an update says they ended.
    var tasks = TaskTracker()
    /// The master's ERROR message, when it refused the framework and so ended the driver.
    public private(set) var refusal: String?

    /// `reconciliation` says when the driver asks the master about the framework's tasks (it
    /// always does, after every subscription); `clock` times that and the reconnect backoff.
    public init(
        scheduler: some Scheduler, framework: FrameworkInfo, transport: some SchedulerTransport,
        suppressedRoles: [String] = [], implicitAcknowledgements: Bool = true,
        reconciliation: ReconciliationPolicy = ReconciliationPolicy(), clock: any ClusterClock = SystemClock(),
        logger: Logger = Logger(label: "corral.sdk", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.reconciliation = reconciliation
        self.clock = clock
        self.scheduler = scheduler
        self.framework = framework
        self.transport = transport
        self.suppressedRoles = suppressedRoles
        self.implicitAcknowledgements = implicitAcknowledgements
        self.logger = logger
    }

    /// Runs the framework until `stop()`, a TEARDOWN, or an ERROR event. Over a transport that
    /// reconnects, a lost connection is retried with backoff (up to 10 s between tries),
    /// re-subscribing with the framework ID the master gave.
    public func run() async throws {
        while !stopped {
            do {
                let events = try await transport.subscribe(framework, suppressedRoles: suppressedRoles)
                reconnectDelay = .zero
                // The stream is read in a task of its own so that `stop()` can end the wait.
                let consumer = _Concurrency.Task {
                    for try await event in events {
                        if await self.dispatch(event) == .stop { self.markStopped() }
                        if self.isStopped { break }
                    }
                }
                subscription = consumer
                try await withTaskCancellationHandler {
                    try await consumer.value
                } onCancel: {
                    consumer.cancel()
                }
                subscription = nil
                reconciler?.cancel()
                if !transport.reconnects || stopped { break }
                logger.warning("connection to the master closed; re-subscribing")
            } catch SchedulerDriverError.refused(let message) {
                // The master will not take this framework (its credentials, its roles): asking
                // again cannot help. It ends as an ERROR event would.
                reconciler?.cancel()
                refusal = message
                await scheduler.error(self, message: message)
                break
            } catch {
                reconciler?.cancel()
                if stopped || Swift.Task.isCancelled { break }
                guard transport.reconnects else { throw error }
                logger.warning("cannot reach the master: \(error); retrying in \(formatScalar(reconnectDelay.seconds)) s")
            }
            await scheduler.disconnected(self)
            reconnectDelay = min(max(reconnectDelay * 2, .milliseconds(500)), .seconds(10))
            try await clock.sleep(for: reconnectDelay)
        }
        reconciler?.cancel()
        stopped = true
    }

    private enum Flow { case go, stop }

    private func dispatch(_ event: SchedulerEvent) async -> Flow {
        switch event {
        case .subscribed(let id, _, let masterInfo):
            framework.id = id
            tasks.subscribed()
            await scheduler.subscribed(self, frameworkID: id, masterInfo: masterInfo)
            reconciler?.cancel()
            reconciler = _Concurrency.Task { await self.reconcileAfterSubscribing() }
        case .offers(let offers):
            await scheduler.offers(self, offers)
        case .rescind(let offerID):
            await scheduler.rescinded(self, offerID: offerID)
        case .update(let status):
            if tasks.heard(status) {
                await scheduler.update(self, status)
            } else {
                logger.info("task \(status.taskID) already ended; \(status.state.rawValue) is a late retry, acknowledged only")
            }
            if implicitAcknowledgements, status.uuid != nil { try? await acknowledge(status) }
        case .message(let agentID, let executorID, let data):
            await scheduler.message(self, agentID: agentID, executorID: executorID, data: data)
        case .failure(let agentID, let executorID, let status):
            await scheduler.failure(self, agentID: agentID, executorID: executorID, status: status)
        case .error(let message):
            refusal = message
            await scheduler.error(self, message: message)
            return .stop
        case .heartbeat:
            break
        }
        return .go
    }

    /// Stops the driver. With `teardown` the master forgets the framework and kills its tasks;
    /// without, the framework can fail over to a new driver within its failover timeout.
    public func stop(teardown: Bool = true) async {
        if teardown, !stopped, framework.id != nil { try? await send(.teardown) }
        stopped = true
        subscription?.cancel()
        reconciler?.cancel()
    }

    public var isStopped: Bool { stopped }

    private func markStopped() { stopped = true }

    // MARK: Calls

    public func launch(_ tasks: [TaskInfo], on offerIDs: [OfferID], filters: Filters = .default) async throws {
        try await send(.accept(offerIDs: offerIDs, operations: [.launch(tasks)], filters: filters))
    }

    public func accept(_ offerIDs: [OfferID], operations: [Operation], filters: Filters = .default) async throws {
        try await send(.accept(offerIDs: offerIDs, operations: operations, filters: filters))
    }

    public func decline(_ offerIDs: [OfferID], filters: Filters = .default) async throws {
        guard !offerIDs.isEmpty else { return }
        try await send(.decline(offerIDs: offerIDs, filters: filters))
    }

    public func kill(_ taskID: TaskID, agentID: AgentID? = nil, killPolicy: KillPolicy? = nil) async throws {
        try await send(.kill(taskID: taskID, agentID: agentID, killPolicy: killPolicy))
    }

    /// Acknowledges an agent's update (those with a uuid); needed only without implicit
    /// acknowledgements.
    public func acknowledge(_ status: TaskStatus) async throws {
        guard let uuid = status.uuid, let agentID = status.agentID else { return }
        try await send(.acknowledge(agentID: agentID, taskID: status.taskID, uuid: uuid))
    }

    /// Asks for the latest state of `tasks`, or of every task of the framework when empty.
    public func reconcile(_ tasks: [ReconcileTask] = []) async throws {
        try await send(.reconcile(tasks))
    }

    public func revive(roles: [String] = []) async throws { try await send(.revive(roles: roles)) }
    public func suppress(roles: [String] = []) async throws { try await send(.suppress(roles: roles)) }

    public func shutdown(executorID: ExecutorID, agentID: AgentID) async throws {
        try await send(.shutdown(executorID: executorID, agentID: agentID))
    }

    public func message(agentID: AgentID, executorID: ExecutorID, data: [UInt8]) async throws {
        try await send(.message(agentID: agentID, executorID: executorID, data: data))
    }

    public func send(_ call: SchedulerCall) async throws {
        guard let id = framework.id else { throw SchedulerDriverError.notSubscribed }
        tasks.sent(call, at: clock.now)
        try await transport.send(call, frameworkID: id)
    }

    /// The tasks the driver believes the framework has (it reconciles them after every
    /// subscription), by ID.
    public var knownTasks: [ReconcileTask] { tasks.known }
}
