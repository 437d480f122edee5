import CorralMaster
import CorralModel
import CorralSDK

/// A simulated framework process: its scheduler logic while it runs, what it stored (the logic
/// as of its last step, and its framework ID), and its driver's state: the connection, the
/// tasks it reconciles, and whether it asked for offers.
struct FrameworkNode {
    let index: Int
    let name: String
    let role: String
    var logic: (any SimScheduler)?
    var stored: any SimScheduler
    var frameworkID: FrameworkID?
    var incarnation = 0
    var link: ConnectionID?
    var subscribed = false
    var reconnectDelay = 0.0
    var interest = OfferInterest()
    /// The deadline a `.frameworkTick` is scheduled for, as the framework's timer is armed.
    var armed: ClusterInstant?
    /// The SDK's own record of the framework's tasks, as the driver keeps it.
    var tasks = TaskTracker()
    var reconciling: [ReconcileTask] = []
    var reconcileMark: UInt64 = 0
    var reconcileDelay = 1.0
    /// Bumped by each subscription: the reconciliation timer of an earlier one stops.
    var reconcileGeneration = 0
    /// The checker's memory: the last state this framework was told per task.
    var told: [TaskID: TaskState] = [:]

    init(index: Int, name: String, role: String, logic: any SimScheduler) {
        self.index = index
        self.name = name
        self.role = role
        self.logic = logic
        self.stored = logic
    }

    var node: NodeID { .framework(index) }

    var info: FrameworkInfo {
        FrameworkInfo(user: "sim", name: name, id: frameworkID, failoverTimeout: 7 * 24 * 3600, roles: [role])
    }
}

extension Simulation {
    func startFramework(_ index: Int) {
        frameworks[index].incarnation += 1
        frameworks[index].logic = frameworks[index].incarnation == 1 ? frameworks[index].stored : frameworks[index].stored.restarted(now: instant)
        frameworks[index].subscribed = false
        frameworks[index].tasks = TaskTracker()
        // A new process has no memory of what it was told: late retries may reach it again.
        frameworks[index].told = [:]
        frameworks[index].reconciling = []
        log(frameworks[index].name, "starts (incarnation \(frameworks[index].incarnation))")
        frameworks[index].armed = nil
        frameworkConnect(index)
        rearmFramework(index)
    }

    func frameworkConnect(_ index: Int) {
        let connection = network.openConnection(for: frameworks[index].node, now: now)
        frameworks[index].link = connection
        frameworks[index].subscribed = false
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
        switch event {
        case .subscribed(let id, _, _):
            frameworkSubscribed(index, id)
        case .offers(let offers):
            frameworkStep(index) { logic, now in logic.offers(offers, now: now) }
        case .update(let status):
            frameworkUpdate(index, status)
        case .error(let message):
            log(frameworks[index].name, "refused by the master: \(message)")
        case .rescind, .message, .failure, .heartbeat:
            break
        }
    }

    private func frameworkSubscribed(_ index: Int, _ id: FrameworkID) {
        frameworks[index].frameworkID = id
        frameworks[index].subscribed = true
        frameworks[index].reconnectDelay = 0
        frameworks[index].interest.subscribed()
        frameworks[index].tasks.subscribed()
        frameworkStep(index) { logic, now in logic.subscribed(now: now) }
        frameworks[index].tasks.adopt(frameworks[index].logic?.knownTasks ?? [])
        frameworks[index].reconciling = frameworks[index].tasks.reconcilable(at: instant)
        frameworks[index].reconcileDelay = 1
        frameworks[index].reconcileGeneration += 1
        reconcileNow(index)
    }

    private func frameworkUpdate(_ index: Int, _ status: TaskStatus) {
        if frameworks[index].tasks.heard(status) { schedulerUpdate(index, status) }
        guard let uuid = status.uuid, let agentID = status.agentID, let id = frameworks[index].frameworkID else { return }
        if options.plantedBug == .droppedAcknowledgement, status.state == .killed { return }
        frameworkCall(index, .acknowledge(agentID: agentID, taskID: status.taskID, uuid: uuid), as: id)
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
        guard frameworks[index].subscribed, let id = frameworks[index].frameworkID else { return }
        frameworks[index].interest.record(actions, wanted: logic.wantsOffers(now: instant))
        for action in actions { frameworkCall(index, Self.call(for: action), as: id) }
        if let call = frameworks[index].interest.call(wanted: logic.wantsOffers(now: instant), now: instant) { frameworkCall(index, call, as: id) }
    }

    /// The scheduler call an action becomes, as the SDK's driver sends it.
    static func call(for action: FrameworkAction) -> SchedulerCall {
        switch action {
        case .launch(let offerID, let tasks): .accept(offerIDs: [offerID], operations: [.launch(tasks)], filters: Filters(refuseSeconds: 1))
        case .decline(let offerIDs, let refuseSeconds): .decline(offerIDs: offerIDs, filters: Filters(refuseSeconds: refuseSeconds))
        case .kill(let taskID, let agentID): .kill(taskID: taskID, agentID: agentID, killPolicy: nil)
        }
    }

    func frameworkCall(_ index: Int, _ call: SchedulerCall, as id: FrameworkID) {
        frameworks[index].tasks.sent(call, at: instant)
        if !request(.call(id, call), from: frameworks[index].node, to: .master) { frameworks[index].interest.failed(call) }
    }
}
