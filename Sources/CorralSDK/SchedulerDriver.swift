import CorralModel
import Logging

/// Subscribes a framework to a master through a transport, hands each event to the scheduler
/// in order, and carries the scheduler's calls back.
///
/// ```swift
/// let driver = SchedulerDriver(scheduler: MyScheduler(), framework: FrameworkInfo(name: "mine"), transport: transport)
/// try await driver.run()   // until stop(), teardown, or an ERROR from the master
/// ```
///
/// What the driver decides — when to subscribe again, when to reconcile, what to acknowledge,
/// which updates are stale — is a `SchedulerDriverCore`'s; the actor only carries its actions
/// out. Every input (the master's events, a lost stream, the scheduler's answers, the core's own
/// deadlines) goes through one inbox, handled one at a time in the order it came.
public actor SchedulerDriver {
    public var framework: FrameworkInfo { core.framework }
    public var frameworkID: FrameworkID? { core.framework.id }
    let scheduler: any Scheduler
    let transport: any SchedulerTransport
    let logger: Logger
    let clock: any ClusterClock
    var core: SchedulerDriverCore
    let inbox: AsyncStream<SchedulerDriverCore.Event>
    let inboxSink: AsyncStream<SchedulerDriverCore.Event>.Continuation
    /// Wakes the core at its next deadline.
    let deadlines: DeadlineTimer
    /// Subscribes and reads the stream, in a task of its own so that `stop()` can end the wait.
    var connection: _Concurrency.Task<Void, Never>?
    /// The transport's error that last broke the connection: what `run()` throws when the
    /// transport does not reconnect.
    var failure: (any Error)?

    /// `reconciliation` says when the driver asks the master about the framework's tasks (it
    /// always does, after every subscription); `clock` times that and the reconnect backoff.
    public init(
        scheduler: some Scheduler, framework: FrameworkInfo, transport: some SchedulerTransport,
        suppressedRoles: [String] = [], implicitAcknowledgements: Bool = true,
        reconciliation: ReconciliationPolicy = ReconciliationPolicy(), clock: any ClusterClock = SystemClock(),
        logger: Logger = Logger(label: "corral.sdk", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        let configuration = SchedulerDriverCore.Configuration(
            suppressedRoles: suppressedRoles, implicitAcknowledgements: implicitAcknowledgements, reconnects: transport.reconnects,
            reconciliation: reconciliation)
        core = SchedulerDriverCore(framework: framework, configuration: configuration)
        self.clock = clock
        self.scheduler = scheduler
        self.transport = transport
        self.logger = logger
        let (inbox, inboxSink) = AsyncStream.makeStream(of: SchedulerDriverCore.Event.self)
        self.inbox = inbox
        self.inboxSink = inboxSink
        deadlines = DeadlineTimer(clock: clock) { inboxSink.yield(.tick) }
    }

    /// Runs the framework until `stop()`, a TEARDOWN, or an ERROR event. Over a transport that
    /// reconnects, a lost connection is retried with backoff (up to 10 s between tries),
    /// re-subscribing with the framework ID the master gave.
    public func run() async throws {
        await handle(.start)
        for await event in inbox {
            await handle(event)
            if core.ending != nil { break }
        }
        // Cancelled: the framework lets go as it would on `stop(teardown: false)`.
        if core.ending == nil { await handle(.stop(teardown: false)) }
        if case .unreachable = core.ending, let failure { throw failure }
    }

    /// Stops the driver. With `teardown` the master forgets the framework and kills its tasks;
    /// without, the framework can fail over to a new driver within its failover timeout.
    public func stop(teardown: Bool = true) async {
        await handle(.stop(teardown: teardown))
    }

    public var isStopped: Bool { core.isStopped }

    /// The master's ERROR message, when it refused the framework and so ended the driver.
    public var refusal: String? { core.refusal }

    /// The tasks the driver believes the framework has (it reconciles them after every
    /// subscription), by ID.
    public var knownTasks: [ReconcileTask] { core.tasks.known }
}
