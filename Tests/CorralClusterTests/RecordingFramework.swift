import CorralAgent
import CorralCluster
import CorralModel
import CorralSDK
import CorralTesting
import Logging
import Synchronization
import Testing

/// A scheduler for tests: it records what the master says and launches what the test queues
/// on the next offer that fits. Tests wait for what they expect with a deadline.
actor RecordingScheduler: Scheduler {
    private(set) var offersSeen: [Offer] = []
    private(set) var statuses: [TaskStatus] = []
    private(set) var heldOffers: [Offer] = []
    private var queued: [TaskInfo] = []
    private var agentFor: [TaskID: AgentID] = [:]

    func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {
        offersSeen += offers
        heldOffers += offers
        await launchQueued(driver)
    }

    func rescinded(_ driver: SchedulerDriver, offerID: OfferID) async {
        heldOffers.removeAll { $0.id == offerID }
    }

    func update(_ driver: SchedulerDriver, _ status: TaskStatus) async {
        statuses.append(status)
    }

    /// Queues a task (its agent ID is filled in from the offer it lands on).
    func queue(_ task: TaskInfo, driver: SchedulerDriver) async {
        queued.append(task)
        await launchQueued(driver)
    }

    private func launchQueued(_ driver: SchedulerDriver) async {
        while let next = queued.first,
            let index = heldOffers.firstIndex(where: { $0.resources.unallocated().contains(next.resources) })
        {
            queued.removeFirst()
            let offer = heldOffers.remove(at: index)
            var task = next
            task.agentID = offer.agentID
            agentFor[task.taskID] = offer.agentID
            try? await driver.launch([task], on: [offer.id], filters: Filters(refuseSeconds: 0))
        }
    }

    /// Takes an offer out of the pool, for a test that launches by hand.
    func takeOffer() -> Offer? { heldOffers.isEmpty ? nil : heldOffers.removeFirst() }

    func states(of taskID: TaskID) -> [TaskState] { statuses.filter { $0.taskID == taskID }.map(\.state) }
    func latest(of taskID: TaskID) -> TaskStatus? { statuses.last { $0.taskID == taskID } }
    func agent(of taskID: TaskID) -> AgentID? { agentFor[taskID] }
}

/// A framework subscribed to a running embedded cluster.
struct TestFramework: Sendable {
    let scheduler: RecordingScheduler
    let driver: SchedulerDriver

    static func start(
        on cluster: EmbeddedCluster, name: String = "test", roles: [String] = ["*"], implicitAcknowledgements: Bool = true,
        in group: inout ThrowingTaskGroup<Void, any Error>
    ) async throws -> TestFramework {
        let scheduler = RecordingScheduler()
        let driver = SchedulerDriver(
            scheduler: scheduler, framework: FrameworkInfo(name: name, roles: roles), transport: cluster.transport,
            implicitAcknowledgements: implicitAcknowledgements)
        group.addTask { try await driver.run() }
        let subscribed = await eventually { await driver.frameworkID != nil }
        #expect(subscribed, "framework \(name) did not subscribe")
        return TestFramework(scheduler: scheduler, driver: driver)
    }

    func launch(
        _ id: String, _ command: String, resources: String = "cpus:0.1;mem:32", killGrace: Double? = nil, healthCheck: HealthCheck? = nil
    ) async throws {
        let task = TaskInfo(
            name: id, taskID: TaskID(id), agentID: "", resources: try Resources(parsing: resources), command: .shell(command),
            killPolicy: killGrace.map(KillPolicy.init(gracePeriodSeconds:)), healthCheck: healthCheck)
        await scheduler.queue(task, driver: driver)
    }

    /// Waits until the task reaches `state`; fails the test with what it saw otherwise.
    @discardableResult
    func waitFor(_ id: String, _ state: TaskState, timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) async -> TaskStatus? {
        let reached = await eventually(timeout: timeout) { await scheduler.states(of: TaskID(id)).contains(state) }
        if !reached {
            Issue.record("task \(id) never reached \(state); saw \(await scheduler.states(of: TaskID(id)))", sourceLocation: sourceLocation)
            return nil
        }
        return await scheduler.statuses.last { $0.taskID == TaskID(id) && $0.state == state }
    }
}

extension TestCluster {
    /// Starts a cluster and one recording framework on it, runs `body`, then stops the driver
    /// without a teardown: whatever still runs is killed by the cluster's shutdown.
    static func withFramework(
        agents: Int = 1, resources: String = "cpus:4;mem:2048", isolation: IsolationRequest = .auto,
        statusRetryInterval: Duration = .seconds(10), usageInterval: Duration = .seconds(1), clock: any ClusterClock = SystemClock(),
        implicitAcknowledgements: Bool = true,
        _ body: @Sendable (EmbeddedCluster, TestFramework) async throws -> Void
    ) async throws {
        try await TestCluster.run(agents: agents, resources: resources, isolation: isolation, statusRetryInterval: statusRetryInterval, usageInterval: usageInterval, clock: clock) { cluster in
            try await withThrowingTaskGroup(of: Void.self) { group in
                let framework = try await TestFramework.start(on: cluster, implicitAcknowledgements: implicitAcknowledgements, in: &group)
                try await body(cluster, framework)
                await framework.driver.stop(teardown: false)
                group.cancelAll()
            }
        }
    }

}
