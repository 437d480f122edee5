import CorralModel
import CorralSDK
import Foundation
import Logging

/// Services as a framework on the public SDK: it keeps each app's instances running from the
/// offers it gets, carries out deployments, and remembers everything in its store. The REST
/// layer and the console call the methods below; the driver calls the `Scheduler` ones.
public actor ServicesFramework: Scheduler {
    var core = ServicesCore()
    private let store: ServicesStore
    let clock: any ClusterClock
    /// Marathon's event stream: what happens, to every reader of `/v2/events`.
    public nonisolated let events = ServicesEventHub()
    /// The deployments the event stream last heard of (see `announceDeployments`).
    var announcedDeployments: [AppID: Deployment] = [:]
    /// The steps of the group changes whose deployments still run, by deployment ID (see
    /// `ServicesCore.deploymentSteps`): `/v2/deployments` and the plans' events show them.
    var runningGroupSteps: [String: [[PlannedAction]]] = [:]
    /// The deployment plans the event stream has been told of and that have not ended.
    var plans = PlanAnnouncer()
    private let reconciliation: ReconciliationPolicy
    private let logger: Logger
    private var driver: SchedulerDriver?
    /// Wakes the framework at its next deadline while it runs (see `rearm`).
    private var timer: DeadlineTimer?
    private var interest = OfferInterest()
    let prober: any ReadinessProber
    /// Where due readiness probes go while the framework runs (see `probeReadiness`).
    private var probeQueue: AsyncStream<ReadinessProbe>.Continuation?

    /// Reads the store: apps come back as they were, their instances unconfirmed until the
    /// master answers reconciliation.
    public init(
        store: ServicesStore, clock: any ClusterClock = SystemClock(),
        reconciliation: ReconciliationPolicy = ReconciliationPolicy(),
        prober: any ReadinessProber = HTTPReadinessProber(),
        logger: Logger = Logger(label: "corral.services")
    ) throws {
        self.store = store
        self.prober = prober
        self.clock = clock
        self.reconciliation = reconciliation
        self.logger = logger
        for app in try store.apps() {
            let issues = core.load(app.definition, version: app.version, configVersion: app.configVersion)
            if !issues.isEmpty {
                logger.warning("stored app is not valid: suspended with 0 instances until it is changed", metadata: [
                    "app": "\(app.definition.id)", "problems": "\(AppDefinitionError(issues: issues))",
                ])
            }
        }
        for (id, versions) in try store.versions() { core.restoreVersions(versions, of: id) }
        core.loadGroups(try store.groups())
        core.loadGroupVersions(try store.groupVersions())
        // Instances of apps deleted while away are killed once subscribed (see `subscribed`).
        orphanKills = core.restore(try store.instances())
        core.resumeTaskNumbers(after: try store.lastTaskNumber())
    }

    private var orphanKills: [FrameworkAction]

    /// How Services registers: the stored ID when it has one, so the master hands back its
    /// tasks; a week of failover so that a restart does not lose them. Partition-aware, as
    /// Marathon is: an instance whose agent drops out is TASK_UNREACHABLE, and each app's
    /// unreachable strategy says when it is replaced.
    public var frameworkInfo: FrameworkInfo {
        FrameworkInfo(name: "services", id: store.frameworkID, failoverTimeout: 7 * 24 * 3600, capabilities: [.multiRole, .taskKillingState, .partitionAware])
    }

    public var frameworkID: FrameworkID? { store.frameworkID }

    /// Runs the framework over `transport` until the task is cancelled or `stop()` is called;
    /// throws `SchedulerDriverError.refused` when the master refuses it.
    public func run(transport: some SchedulerTransport) async throws {
        let driver = SchedulerDriver(scheduler: self, framework: frameworkInfo, transport: transport, reconciliation: reconciliation, clock: clock, logger: logger)
        self.driver = driver
        let timer = DeadlineTimer(clock: clock) { [weak self] in await self?.tick() }
        self.timer = timer
        let (probes, probeQueue) = AsyncStream.makeStream(of: ReadinessProbe.self)
        self.probeQueue = probeQueue
        defer {
            self.timer = nil
            self.probeQueue = nil
        }
        rearm()  // what was due before any event (a store recovered while the master is away)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await self.probeReadiness(probes) }
            try await driver.run(waking: timer)
            group.cancelAll()
        }
    }

    /// Stops the driver without tearing the framework down: its tasks keep running and a
    /// restarted Services re-attaches to them.
    public func stop() async {
        await driver?.stop(teardown: false)
    }

    /// What is due without an event: unreachable instances given up on, kills a scaling or
    /// rolling update still owes, REVIVE once a backoff ends. The timer calls it at the core's
    /// next deadline.
    public func tick() async {
        await carryOut(core.step(now: clock.now))
        await askForOffersAsNeeded()
    }

    // MARK: Scheduler

    public func subscribed(_ driver: SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async {
        self.driver = driver
        do { try store.setFrameworkID(frameworkID) } catch { logger.error("cannot store the framework ID: \(error)") }
        logger.info("subscribed as \(frameworkID)")
        core.resubscribed()
        await carryOut(orphanKills)
        orphanKills = []
        interest.subscribed()
        await askForOffersAsNeeded()
    }

    public func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {
        await carryOut(core.offers(offers, now: clock.now))
        await askForOffersAsNeeded()
    }

    public func update(_ driver: SchedulerDriver, _ status: TaskStatus) async {
        if status.state.isTerminal, status.state != .finished, status.state != .killed {
            logger.info("task \(status.taskID) \(status.state.rawValue): \(status.message ?? "")")
        }
        let before = core.instance(status.taskID)
        let actions = core.update(status, now: clock.now)
        if let before { announce(status, before: before) }
        await carryOut(actions)
        await askForOffersAsNeeded()
    }

    /// Every instance: the driver asks the master about them after each subscription, and
    /// until it answers they do not count as running.
    public func knownTasks(_ driver: SchedulerDriver) async -> [ReconcileTask] { core.trackedTasks }

    public func error(_ driver: SchedulerDriver, message: String) async {
        logger.error("the master refused Services: \(message)")
    }

    // MARK: Apps

    public func apps() -> [AppSnapshot] { core.snapshots(now: clock.now) }

    public func app(_ id: AppID) throws(ServicesError) -> AppSnapshot {
        guard let snapshot = core.snapshot(of: id, now: clock.now) else { throw .notFound("App '\(id)' does not exist") }
        return snapshot
    }

    /// POST /v2/apps: a new app; an existing id is a conflict.
    public func create(_ definition: AppDefinition) async throws(ServicesError) -> AppSnapshot {
        try await announcingChange(within: Self.group(ofApp: definition.id)) { () async throws(ServicesError) in
            guard let id = try? AppID(parsing: definition.id) else { throw .invalid(AppDefinitionError(issues: definition.validationIssues())) }
            guard core.definition(of: id) == nil else { throw .conflict("An app with id [\(id)] already exists.") }
            let deployment = try await change(to: definition, force: true)
            return (try app(id), deployment.version)
        }
    }

    /// PUT /v2/apps/{id}: creates or changes an app; a change rolls out as a deployment. Unless
    /// `force`, an app whose deployment still runs is locked (Marathon's 409): the caller decides
    /// to override it, and the running deployment then gives way.
    public func put(_ definition: AppDefinition, force: Bool = true) async throws(ServicesError) -> Deployment {
        try await announcingChange(within: Self.group(ofApp: definition.id)) { () async throws(ServicesError) in
            let deployment = try await change(to: definition, force: force)
            return (deployment, deployment.version)
        }
    }

    private func change(to definition: AppDefinition, force: Bool) async throws(ServicesError) -> Deployment {
        if !force, let id = try? AppID(parsing: definition.id) { try checkUnlocked(id) }
        if let cycle = core.cycleIssue(after: definition) { throw .invalid(AppDefinitionError(issues: [cycle])) }
        let deployment: Deployment
        do { deployment = try core.put(definition, deploymentID: Self.newID(), now: clock.now) } catch { throw .invalid(error) }
        await changed()
        return deployment
    }

    public func scale(_ id: AppID, instances: Int) async throws(ServicesError) -> Deployment {
        guard var definition = core.definition(of: id) else { throw .notFound("App '\(id)' does not exist") }
        definition.instances = instances
        return try await put(definition)
    }

    public func restart(_ id: AppID, force: Bool = true) async throws(ServicesError) -> Deployment {
        try await announcingChange(within: Self.group(ofApp: id.path)) { () async throws(ServicesError) in
            if !force { try checkUnlocked(id) }
            guard let deployment = core.restart(id, deploymentID: Self.newID(), now: clock.now) else { throw .notFound("App '\(id)' does not exist") }
            await changed()
            return (deployment, deployment.version)
        }
    }

    /// DELETE /v2/apps/{id}: the app goes and its tasks are killed. Unless `force`, an app whose
    /// deployment still runs is locked, as for a change (Marathon's 409).
    public func delete(_ id: AppID, force: Bool = true) async throws(ServicesError) -> Deployment {
        try await announcingChange(within: Self.group(ofApp: id.path)) { () async throws(ServicesError) in
            guard let definition = core.definition(of: id) else { throw .notFound("App '\(id)' does not exist") }
            if !force { try checkUnlocked(id) }
            let now = clock.now.wall
            let deployment = Deployment(id: Self.newID(), appID: id, version: now.iso8601, action: .stop, startedAt: now, previous: definition)
            await carryOut(core.remove(id))
            announceFinished([deployment])
            await changed()
            return (deployment, deployment.version)
        }
    }

    /// Kills tasks of an app (all when `taskIDs` is nil); they are replaced unless `scale`.
    /// A kill that scales down changes the app, and is told as a change (see `announcingChange`).
    public func kill(_ taskIDs: [TaskID]?, of id: AppID, scale: Bool) async throws(ServicesError) -> [AppInstance] {
        guard scale else { return try await killTasks(taskIDs, of: id, scale: false) }
        return try await announcingChange(within: Self.group(ofApp: id.path)) { () async throws(ServicesError) in
            let killed = try await killTasks(taskIDs, of: id, scale: true)
            return (killed, core.apps[id]?.version ?? clock.now.wall.iso8601)
        }
    }

    private func killTasks(_ taskIDs: [TaskID]?, of id: AppID, scale: Bool) async throws(ServicesError) -> [AppInstance] {
        guard core.definition(of: id) != nil else { throw .notFound("App '\(id)' does not exist") }
        let (killed, actions) = core.kill(taskIDs, of: id, scale: scale, deploymentID: Self.newID(), now: clock.now)
        if let taskIDs, killed.isEmpty { throw .notFound("Task '\(taskIDs.map(\.value).joined(separator: ", "))' of app '\(id)' does not exist") }
        await carryOut(actions)
        await changed()
        return killed
    }

    public func deployments() -> [Deployment] { core.activeDeployments }

    /// GET /v2/apps/{id}/versions: the versions kept, newest first.
    public func versions(of id: AppID) throws(ServicesError) -> [AppVersion] {
        guard let versions = core.versions(of: id) else { throw .notFound("App '\(id)' does not exist") }
        return versions
    }

    /// Whether a deployment of the app still runs: `.locked` with its ID if so.
    public func checkUnlocked(_ id: AppID) throws(ServicesError) {
        let running = core.activeDeployments.filter { $0.appID == id }.map(\.id)
        if !running.isEmpty { throw .locked(id, deployments: running) }
    }

    /// Services' main counts now, for its metrics.
    public func metrics() -> ServicesMetrics { core.metrics(now: clock.now) }

    /// DELETE /v2/deployments/{id}: rolls back (the deployment that does it is returned: the
    /// previous definition's, or the app's stop when the deployment created it) or, with
    /// `force`, just stops (nil).
    /// A rollback is a change of the whole tree, as Marathon's (see `announcingChange`).
    public func cancelDeployment(_ id: String, force: Bool) async throws(ServicesError) -> Deployment? {
        guard !force else { return try await cancel(id, force: true) }
        return try await announcingChange(within: .root) { () async throws(ServicesError) in
            let rollback = try await cancel(id, force: false)
            return (rollback, rollback?.version ?? clock.now.wall.iso8601)
        }
    }

    private func cancel(_ id: String, force: Bool) async throws(ServicesError) -> Deployment? {
        let rollbackID = Self.newID()
        guard let outcome = core.cancelDeployment(id, force: force, rollbackID: rollbackID, now: clock.now) else {
            throw .notFound("DeploymentPlan \(id) does not exist")
        }
        let rollback = await carryOut(outcome)
        // A group change gives every app it touches its deployment's ID: each is cancelled,
        // their rollbacks one deployment too.
        while let more = core.cancelDeployment(id, force: force, rollbackID: rollbackID, now: clock.now) { _ = await carryOut(more) }
        await changed()
        return rollback
    }

    /// The rollback a cancellation brings (nil for a forced one), its kills sent.
    private func carryOut(_ outcome: ServicesCore.Cancellation) async -> Deployment? {
        switch outcome {
        case .stopped: return nil
        case .rolledBack(let deployment): return deployment
        case .removed(let stop, let kills):
            await carryOut(kills)
            announceFinished([stop])
            return stop
        }
    }

    // MARK: Effects

    func changed() async {
        await carryOut(core.step(now: clock.now))
        await askForOffersAsNeeded()
    }

    /// SUPPRESS when no app wants instances, REVIVE when one does again (see `OfferInterest`).
    func askForOffersAsNeeded() async {
        defer { rearm() }
        guard let driver, let call = interest.call(wanted: core.wantsOffers(now: clock.now), now: clock.now) else { return }
        do {
            try await driver.send(call)
        } catch {
            logger.warning("cannot send \(call.typeName): \(error); trying again at the next step")
            interest.failed(call)
        }
    }

    /// Sends the readiness probes now due, then sleeps until what is next due without an event:
    /// the core's next deadline, or a call about offers to make again (see
    /// `OfferInterest.nextCall`).
    private func rearm() {
        let now = clock.now
        // Probes are handed out only while someone performs them: one handed out is awaited.
        if let probeQueue {
            for probe in core.dueReadinessProbes(now: now) { probeQueue.yield(probe) }
        }
        timer?.arm(at: [core.nextDeadline(now: now), interest.nextCall(wanted: core.wantsOffers(now: now))].compactMap { $0 }.min())
    }

    /// Writes the new state down, then sends the core's actions to the master: an instance is
    /// on disk before its launch goes out, so a crash in between leaves a task Services will
    /// reconcile, never one it forgot. When the store cannot be written nothing is sent.
    func carryOut(_ actions: [FrameworkAction]) async {
        guard persist() else {
            if !actions.isEmpty { logger.critical("not acting on \(actions.count) action(s) the store could not record first") }
            return
        }
        announceDeployments()
        interest.record(actions, wanted: core.wantsOffers(now: clock.now))
        await driver?.carryOut(actions, logger: logger)
    }

    @discardableResult
    private func persist() -> Bool {
        do {
            try store.save(apps: core.storedApps, instances: core.allInstances, lastTaskNumber: core.lastTaskNumber, versions: core.storedVersions,
                groups: core.storedGroups, groupVersions: core.storedGroupVersions, configVersions: core.storedConfigVersions)
            return true
        } catch {
            logger.error("cannot write the services store: \(error)")
            return false
        }
    }

    static func newID() -> String { UUID().uuidString.lowercased() }
}
