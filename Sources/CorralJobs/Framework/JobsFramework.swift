import CorralModel
import CorralSDK
import Logging

/// Jobs as a framework on the public SDK: it owns a `JobsCore` and its store, queues runs as
/// schedules come due (it sleeps until the next one, see `JobsCore.nextDeadline`), launches them on offers, and records how
/// they end. The REST layer and the console call the methods under "Jobs"; the driver calls the
/// `Scheduler` ones. Every change is written to the store before the call returns.
public actor JobsFramework: Scheduler {
    private var core: JobsCore
    private let store: JobsStore
    private let clock: any ClusterClock
    private let reconciliation: ReconciliationPolicy
    private let logger: Logger
    private var driver: SchedulerDriver?
    /// Wakes the framework at its next deadline while it runs (see `rearm`).
    private var timer: DeadlineTimer?
    private var interest = OfferInterest()
    /// Whether a master has acknowledged the subscription (and the connection still holds).
    public private(set) var isSubscribed = false

    /// Reads the store: jobs, their history and queued runs come back as they were; runs that
    /// were on the cluster are confirmed with the master once subscribed.
    public init(
        store: JobsStore, clock: any ClusterClock = SystemClock(),
        reconciliation: ReconciliationPolicy = ReconciliationPolicy(),
        logger: Logger = Logger(label: "corral.jobs", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws {
        self.store = store
        self.clock = clock
        self.reconciliation = reconciliation
        self.logger = logger
        core = JobsCore(restoring: try store.load())
    }

    /// How Jobs registers: as "jobs" in role "*", with the stored ID when it has one so the
    /// master hands back its tasks, and a week of failover so a restart does not lose them.
    public var frameworkInfo: FrameworkInfo {
        FrameworkInfo(name: "jobs", id: store.frameworkID, failoverTimeout: 7 * 24 * 3600, roles: ["*"])
    }

    public var frameworkID: FrameworkID? { store.frameworkID }

    /// Runs the framework over `transport`, waking at each deadline of its core, until the task
    /// is cancelled or `stop()` is called; throws `SchedulerDriverError.refused` when the master
    /// refuses it.
    public func run(transport: some SchedulerTransport) async throws {
        let driver = SchedulerDriver(scheduler: self, framework: frameworkInfo, transport: transport, reconciliation: reconciliation, clock: clock, logger: logger)
        self.driver = driver
        let timer = DeadlineTimer(clock: clock) { [weak self] in await self?.tick() }
        self.timer = timer
        defer { self.timer = nil }
        rearm()  // what was due before any event (a store recovered while the master is away)
        try await driver.run(waking: timer)
    }

    /// Stops the driver without tearing the framework down: running tasks keep going, and a
    /// restarted Jobs with the same store picks them up.
    public func stop() async {
        await driver?.stop(teardown: false)
        isSubscribed = false
    }

    /// Queues the runs whose time has come and asks for offers while runs wait (REVIVE), or
    /// stops asking when none do (SUPPRESS).
    public func tick() async {
        core.tick(now: clock.now)
        persist()
        await askForOffersAsNeeded()
    }

    // MARK: Scheduler

    public func subscribed(_ driver: SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async {
        self.driver = driver
        isSubscribed = true
        do { try store.setFrameworkID(frameworkID) } catch { logger.error("cannot store the framework ID: \(error)") }
        logger.info("subscribed as \(frameworkID)")
        interest.subscribed()
        await askForOffersAsNeeded()
    }

    public func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {
        let actions = core.offers(offers, now: clock.now)
        persist()
        await carryOut(actions)
        await askForOffersAsNeeded()
    }

    public func update(_ driver: SchedulerDriver, _ status: TaskStatus) async {
        if status.state.isTerminal, status.state != .finished {
            logger.info("task \(status.taskID) \(status.state.rawValue): \(status.message ?? "")")
        }
        core.update(status, now: clock.now)
        persist()
        await askForOffersAsNeeded()
    }

    /// Runs the store says are on the cluster: the driver asks the master about them after
    /// every subscription. One the master no longer knows counts as lost, and is retried.
    public func knownTasks(_ driver: SchedulerDriver) async -> [ReconcileTask] { core.runningTasks }

    public func disconnected(_ driver: SchedulerDriver) async {
        isSubscribed = false
        logger.warning("lost the master; the driver re-subscribes")
    }

    public func error(_ driver: SchedulerDriver, message: String) async {
        logger.error("the master refused Jobs: \(message)")
    }

    // MARK: Jobs

    /// Creates or replaces a job; returns it as stored (an empty schedule start filled in).
    /// Throws `.invalidJob` naming the problem (a bad schedule, an unknown parent, a cycle, …).
    @discardableResult
    public func put(_ job: JobDefinition) async throws(JobsError) -> JobDefinition {
        let stored = try core.put(job, now: clock.now)
        try persistOrThrow()
        await tick()
        return stored
    }

    /// Deletes a job, its history and queued runs, and kills its tasks.
    public func delete(_ name: String) async throws(JobsError) {
        let actions = try core.remove(name)
        try persistOrThrow()
        await carryOut(actions)
        await askForOffersAsNeeded()
    }

    /// Queues a run of the job now, whatever its schedule says.
    public func runNow(_ name: String) async throws(JobsError) {
        try core.runNow(name, now: clock.now)
        try persistOrThrow()
        await askForOffersAsNeeded()
    }

    /// Kills the job's running tasks and drops its queued runs.
    public func kill(_ name: String) async throws(JobsError) {
        let actions = try core.kill(name, now: clock.now)
        try persistOrThrow()
        await carryOut(actions)
        await askForOffersAsNeeded()
    }

    /// An `async` job's word on the run of `taskID`: status 0 is a success, anything else a
    /// failure. Throws `.unknownTask`, or `.reportNotAwaited` when the run waits for no report.
    public func report(_ taskID: TaskID, statusCode: Int) async throws(JobsError) {
        try core.report(taskID, statusCode: statusCode, now: clock.now)
        try persistOrThrow()
        await askForOffersAsNeeded()
    }

    /// Every job with its counters, state, next run and last runs, by name.
    public func jobs() -> [JobSummary] { core.summaries(now: clock.now) }

    public func job(_ name: String) throws(JobsError) -> JobSummary {
        guard let summary = core.summary(of: name, now: clock.now) else { throw .unknownJob(name) }
        return summary
    }

    /// Jobs' main counts now, for its metrics.
    public func metrics() -> JobsMetrics { JobsMetrics(core.summaries(now: clock.now)) }

    /// Chronos's dependency graph as CSV.
    public func graphCSV() -> String { core.graphCSV(now: clock.now) }

    // MARK: Carrying out

    private func carryOut(_ actions: [FrameworkAction]) async {
        interest.record(actions, wanted: core.wantsOffers)
        await driver?.carryOut(actions, logger: logger)
    }

    /// REVIVE while runs wait, SUPPRESS when none do (see `OfferInterest`).
    private func askForOffersAsNeeded() async {
        defer { rearm() }
        guard let driver, await driver.frameworkID != nil, let call = interest.call(wanted: core.wantsOffers, now: clock.now) else { return }
        do {
            try await driver.send(call)
        } catch {
            logger.warning("cannot send \(call.typeName): \(error); trying again at the next step")
            interest.failed(call)
        }
    }

    /// Sleeps until what is next due without an event: the core's next deadline, or a call
    /// about offers to make again (see `OfferInterest.nextCall`).
    private func rearm() {
        let now = clock.now
        timer?.arm(at: [core.nextDeadline(now: now), interest.nextCall(wanted: core.wantsOffers)].compactMap { $0 }.min())
    }

    private func persist() {
        do { try store.save(core.state) } catch { logger.error("cannot save jobs: \(error)") }
    }

    private func persistOrThrow() throws(JobsError) {
        do { try store.save(core.state) } catch { throw .storage("\(error)") }
    }
}
