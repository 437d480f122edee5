import CorralMaster
import CorralModel
import CorralSDK

/// A simulated framework process: its scheduler logic while it runs, what it stored (the logic
/// as of its last step, and its framework ID), and its driver: the SDK's own core, which
/// decides when to subscribe again, what to reconcile and what to acknowledge, with the
/// connection it reads and whether it asked for offers beside it.
struct FrameworkNode {
    let index: Int
    let name: String
    let role: String
    var logic: (any SimScheduler)?
    var stored: any SimScheduler
    var frameworkID: FrameworkID?
    var incarnation = 0
    var link: ConnectionID?
    var driver: SchedulerDriverCore
    var interest = OfferInterest()
    /// The deadline a `.frameworkTick` is scheduled for, as the framework's timer is armed.
    var armed: ClusterInstant?
    /// The checker's memory: the last state this framework was told per task.
    var told: [TaskID: TaskState] = [:]

    init(index: Int, name: String, role: String, logic: any SimScheduler) {
        self.index = index
        self.name = name
        self.role = role
        self.logic = logic
        self.stored = logic
        driver = SchedulerDriverCore(framework: FrameworkInfo(name: name), configuration: Self.driverConfiguration)
    }

    /// Over the network, as the HTTP transport: a lost connection is subscribed again. A run
    /// lasts minutes, so reconciliation repeats every 30 s rather than Marathon's 10 minutes.
    static let driverConfiguration = SchedulerDriverCore.Configuration(
        reconnects: true,
        reconciliation: ReconciliationPolicy(initialBackoff: .seconds(1), maximumBackoff: .seconds(30), firstPeriodic: .seconds(30), interval: .seconds(30)))

    var node: NodeID { .framework(index) }
    var subscribed: Bool { driver.isSubscribed }

    var info: FrameworkInfo {
        FrameworkInfo(user: "sim", name: name, id: frameworkID, failoverTimeout: 7 * 24 * 3600, roles: [role])
    }
}

extension Simulation {
    func startFramework(_ index: Int) {
        frameworks[index].incarnation += 1
        frameworks[index].logic = frameworks[index].incarnation == 1 ? frameworks[index].stored : frameworks[index].stored.restarted(now: instant)
        // A new process: a new driver, which knows nothing of the tasks but what the logic stored.
        frameworks[index].driver = SchedulerDriverCore(framework: frameworks[index].info, configuration: FrameworkNode.driverConfiguration)
        // A new process has no memory of what it was told: late retries may reach it again.
        frameworks[index].told = [:]
        log(frameworks[index].name, "starts (incarnation \(frameworks[index].incarnation))")
        frameworks[index].armed = nil
        frameworkDrive(index, .start)
    }

    func frameworkConnect(_ index: Int) {
        let connection = network.openConnection(for: frameworks[index].node, now: now)
        frameworks[index].link = connection
        request(.subscribe(frameworks[index].info), from: frameworks[index].node, to: .master, opening: connection)
        schedule(.frameworkSubscribeTimeout(index, connection), after: 5)
    }

    func frameworkReceive(_ index: Int, _ envelope: Envelope) {
        guard envelope.connection == frameworks[index].link else {
            // A stream the driver no longer reads (an earlier or a doubled subscription): closed.
            if let connection = envelope.connection { breakConnection(connection) }
            return
        }
        guard case .event(let event) = envelope.message else { return }
        // The simulated master answers a subscription on its stream at once: SUBSCRIBED is the
        // stream opening, which starts the reconnect backoff over.
        if case .subscribed = event { frameworkDrive(index, .connected) }
        frameworkDrive(index, .received(event))
    }

    /// What the driver tells its scheduler, as the SDK's actor calls a `Scheduler`.
    func frameworkTell(_ index: Int, _ event: SchedulerEvent) {
        switch event {
        case .subscribed(let id, _, _):
            frameworks[index].frameworkID = id
            frameworks[index].interest.subscribed()
            frameworkStep(index) { logic, now in logic.subscribed(now: now) }
        case .offers(let offers):
            frameworkStep(index) { logic, now in logic.offers(offers, now: now) }
        case .update(let status):
            schedulerUpdate(index, status)
        case .error(let message):
            log(frameworks[index].name, "refused by the master: \(message)")
        case .rescind, .message, .failure, .heartbeat:
            break
        }
    }

    /// An update the driver passes on: what the scheduler is told never brings a task back
    /// from its end.
    private func schedulerUpdate(_ index: Int, _ status: TaskStatus) {
        if let before = frameworks[index].told[status.taskID], before.isTerminal, !status.state.isTerminal {
            violation("\(frameworks[index].name) was told task \(status.taskID) is \(status.state.rawValue) after \(before.rawValue)")
        }
        frameworks[index].told[status.taskID] = status.state
        frameworkStep(index) { logic, now in logic.update(status, now: now) }
    }

    /// Runs one step of the framework's logic, stores the result (durable before acting), then
    /// sends what it decided and brings the master's offer interest in step.
    func frameworkStep(_ index: Int, _ step: (inout any SimScheduler, ClusterInstant) -> [FrameworkAction]) {
        guard var logic = frameworks[index].logic else { return }
        defer { rearmFramework(index) }
        let actions = step(&logic, instant)
        frameworks[index].logic = logic
        frameworks[index].stored = logic
        guard frameworks[index].subscribed else { return }
        frameworks[index].interest.record(actions, wanted: logic.wantsOffers(now: instant))
        for action in actions { frameworkDrive(index, .call(Self.call(for: action))) }
        if let call = frameworks[index].interest.call(wanted: logic.wantsOffers(now: instant), now: instant) { frameworkDrive(index, .call(call)) }
    }

    /// The scheduler call an action becomes, as the SDK's driver sends it.
    static func call(for action: FrameworkAction) -> SchedulerCall {
        switch action {
        case .launch(let offerID, let tasks): .accept(offerIDs: [offerID], operations: [.launch(tasks)], filters: Filters(refuseSeconds: 1))
        case .decline(let offerIDs, let refuseSeconds): .decline(offerIDs: offerIDs, filters: Filters(refuseSeconds: refuseSeconds))
        case .kill(let taskID, let agentID): .kill(taskID: taskID, agentID: agentID, killPolicy: nil)
        }
    }
}
