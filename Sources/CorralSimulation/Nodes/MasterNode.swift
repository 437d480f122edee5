import CorralMaster
import CorralModel

/// The simulated master process: its core while it runs, and what survives it (the registry).
struct MasterNode {
    var core: MasterCore?
    /// The registry on disk: every change the core asked to persist, applied before anything
    /// after it was carried out.
    var registry: RegistryState
    var incarnation = 0
    var agentLinks: [AgentID: ConnectionID] = [:]
    var frameworkLinks: [FrameworkID: ConnectionID] = [:]

    init(registry: RegistryState) { self.registry = registry }

    static var configuration: MasterConfiguration {
        var configuration = MasterConfiguration()
        configuration.hostname = "master"
        configuration.offerTimeout = .seconds(30)
        configuration.agentTimeout = .seconds(15)
        configuration.agentReregisterTimeout = .seconds(20)
        return configuration
    }
}

extension Simulation {
    func startMaster() {
        master.incarnation += 1
        master.agentLinks = [:]
        master.frameworkLinks = [:]
        master.core = MasterCore(configuration: MasterNode.configuration, seed: derivedSeed(), now: instant, registry: master.registry)
        log("master", "starts (incarnation \(master.incarnation)) with \(master.registry.admitted.count) admitted agent(s)")
        scheduleMasterTick()
    }

    /// The master sleeps until its core's next deadline, as its actor does.
    private func scheduleMasterTick() {
        guard let core = master.core else { return }
        queue.schedule(.masterTick(incarnation: master.incarnation), at: max(core.nextDeadline.wall, now + 0.001))
    }

    func masterReceive(_ envelope: Envelope) {
        switch envelope.message {
        case .registerAgent(let info, let inventory):
            guard let connection = envelope.connection, network.isOpen(connection) else { return }
            masterHandle(.registerAgent(info, isolation: "simulated", inventory: inventory, connection: connection))
        case .agentStatus(let agentID, let update):
            masterHandle(.statusUpdate(agentID, update))
        case .agentPing(let agentID):
            masterHandle(.agentPing(agentID))
        case .subscribe(let info):
            guard let connection = envelope.connection, network.isOpen(connection) else { return }
            masterHandle(.subscribe(info, suppressedRoles: [], connection: connection))
        case .call(let frameworkID, let call):
            // As the HTTP API: only a framework subscribed to this master may call.
            guard master.core?.knows(frameworkID) == true, master.frameworkLinks[frameworkID] != nil else { return }
            masterHandle(.call(frameworkID, call))
        case .agentRegistered, .agentRefused, .toAgent, .event:
            break
        }
    }

    func masterLinkLost(_ connection: ConnectionID) {
        guard master.core != nil else { return }
        if let agentID = master.agentLinks.first(where: { $0.value == connection })?.key {
            master.agentLinks[agentID] = nil
            masterHandle(.agentDisconnected(agentID, connection: connection))
        }
        if let frameworkID = master.frameworkLinks.first(where: { $0.value == connection })?.key {
            master.frameworkLinks[frameworkID] = nil
            masterHandle(.frameworkDisconnected(frameworkID, connection: connection))
        }
    }

    func masterTick(_ incarnation: Int) {
        guard master.core != nil, incarnation == master.incarnation else { return }
        masterHandle(.tick)
        scheduleMasterTick()
    }

    func masterAllocate(_ incarnation: Int) {
        guard master.core != nil, incarnation == master.incarnation else { return }
        masterHandle(.allocate)
    }

    func masterHandle(_ event: MasterEvent) {
        guard var core = master.core else { return }
        let actions = core.handle(event, now: instant)
        master.core = core
        for action in actions { masterPerform(action) }
        for problem in core.invariantViolations() { violation("master: \(problem)") }
    }

    private func masterPerform(_ action: MasterAction) {
        switch action {
        case .persist(let change):
            master.registry.apply(change)
        case .bindFramework(let connection, let id):
            master.frameworkLinks[id] = connection
        case .closeConnection(let connection):
            if let id = master.frameworkLinks.first(where: { $0.value == connection })?.key { master.frameworkLinks[id] = nil }
            breakConnection(connection)
        case .send(let id, let event):
            guard let connection = master.frameworkLinks[id], let client = network.links[connection]?.client else { return }
            stream(.event(event), from: .master, to: client, on: connection)
        case .refuseSubscription(let connection, let reason):
            guard let client = network.links[connection]?.client else { return }
            stream(.event(.error(reason)), from: .master, to: client, on: connection)
            breakConnection(connection)
        case .bindAgent(let connection, let id):
            master.agentLinks[id] = connection
            guard let client = network.links[connection]?.client else { return }
            stream(.agentRegistered(id), from: .master, to: client, on: connection)
        case .disconnectAgent(let connection):
            breakConnection(connection)
        case .refuseAgent(let connection, let reason):
            guard let client = network.links[connection]?.client else { return }
            stream(.agentRefused(reason), from: .master, to: client, on: connection)
            breakConnection(connection)
        case .shutdownAgent(let id, let reason): toAgent(id, .shutdown(reason: reason))
        case .launch(let id, let request): toAgent(id, .launch(request))
        case .kill(let id, let frameworkID, let taskID, let policy): toAgent(id, .kill(frameworkID, taskID, policy))
        case .acknowledge(let id, let frameworkID, let taskID, let uuid): toAgent(id, .acknowledge(frameworkID, taskID, uuid: uuid))
        case .shutdownFramework(let id, let frameworkID): toAgent(id, .shutdownFramework(frameworkID))
        case .publish:
            break
        case .scheduleAllocation:
            schedule(.masterAllocate(incarnation: master.incarnation), after: 0.001)
        }
    }

    private func toAgent(_ agentID: AgentID, _ message: AgentMessage) {
        guard let connection = master.agentLinks[agentID], let client = network.links[connection]?.client else { return }
        stream(.toAgent(message), from: .master, to: client, on: connection)
    }
}
