import CorralMaster
import CorralAgent
import CorralModel

/// The simulated agent process: its core while it runs, and its checkpoint on disk.
struct AgentNode {
    struct Checkpoint {
        var agentID: AgentID?
        var frameworks: [FrameworkID: FrameworkInfo] = [:]
        var tasks: [String: (record: AgentCheckpoint.TaskRecord, log: [TaskLog.Record])] = [:]
    }

    let index: Int
    var core: AgentCore?
    var checkpoint = Checkpoint()
    var incarnation = 0
    var link: ConnectionID?
    var registered = false
    var reconnectDelay = 0.0
    var watching: Set<String> = []
    var armed: ClusterInstant?
    /// The last state this agent reported per task, to catch one that leaves a terminal state.
    var reported: [TaskKey: TaskState] = [:]

    init(index: Int) { self.index = index }

    var node: NodeID { .agent(index) }
    var hostname: String { "host-\(index)" }
    static let resources = Resources("cpus:4;mem:4096") ?? Resources()
}

extension Simulation {
    func startAgent(_ index: Int) {
        agents[index].incarnation += 1
        agents[index].watching = []
        agents[index].armed = nil
        var core = AgentCore(agentID: agents[index].checkpoint.agentID, seed: derivedSeed())
        let saved = agents[index].checkpoint
        let tasks = saved.tasks.keys.sorted().compactMap { containerID -> AgentCore.RecoveredTask? in
            guard let entry = saved.tasks[containerID] else { return nil }
            return AgentCore.RecoveredTask(record: entry.record, updates: entry.log, container: hosts[index].recovered(containerID))
        }
        let actions = core.recover(frameworks: saved.frameworks.keys.sorted().compactMap { saved.frameworks[$0] }, tasks: tasks, now: instant)
        agents[index].core = core
        log(agents[index].node.description, "starts (incarnation \(agents[index].incarnation)) with \(tasks.count) checkpointed task(s)")
        agentCarryOut(index, actions)
        agentConnect(index)
    }

    func agentConnect(_ index: Int) {
        guard let core = agents[index].core else { return }
        let node = agents[index].node
        let connection = network.openConnection(for: node, now: now)
        agents[index].link = connection
        agents[index].registered = false
        let info = AgentInfo(id: core.agentID, hostname: agents[index].hostname, resources: AgentNode.resources)
        request(.registerAgent(info, core.inventory), from: node, to: .master, opening: connection)
        schedule(.agentRegistrationTimeout(index, connection), after: 5)
    }

    func agentReceive(_ index: Int, _ envelope: Envelope) {
        guard envelope.connection == agents[index].link else {
            // A stream the agent no longer reads (an earlier or a doubled registration): closed.
            if let connection = envelope.connection { breakConnection(connection) }
            return
        }
        switch envelope.message {
        case .agentRegistered(let id):
            agents[index].registered = true
            agents[index].reconnectDelay = 0
            agents[index].checkpoint.agentID = id
            agentHandle(index, .registered(id))
            schedule(.agentPing(index, incarnation: agents[index].incarnation), after: 5)
        case .agentRefused(let reason):
            log(agents[index].node.description, "refused (\(reason)); stops")
            agents[index].core = nil
        case .toAgent(let message):
            agentHandle(index, .message(message))
        default:
            break
        }
    }

    func agentLinkLost(_ index: Int, _ connection: ConnectionID) {
        guard agents[index].core != nil, agents[index].link == connection else { return }
        agents[index].link = nil
        agents[index].registered = false
        agentHandle(index, .disconnected)
        agents[index].reconnectDelay = min(max(agents[index].reconnectDelay * 2, 0.5), 10)
        schedule(.agentConnect(index, incarnation: agents[index].incarnation), after: agents[index].reconnectDelay)
    }

    func agentRegistrationTimeout(_ index: Int, _ connection: ConnectionID) {
        guard agents[index].link == connection, !agents[index].registered else { return }
        log(agents[index].node.description, "no answer to its registration; tries again")
        breakConnection(connection)
    }

    func agentConnectTimer(_ index: Int, _ incarnation: Int) {
        guard agents[index].core != nil, agents[index].incarnation == incarnation, agents[index].link == nil else { return }
        agentConnect(index)
    }

    func agentPing(_ index: Int, _ incarnation: Int) {
        guard agents[index].core != nil, agents[index].incarnation == incarnation, agents[index].registered,
              let id = agents[index].checkpoint.agentID else { return }
        request(.agentPing(id), from: agents[index].node, to: .master)
        schedule(.agentPing(index, incarnation: incarnation), after: 5)
    }

    func agentDeadline(_ index: Int, _ incarnation: Int) {
        guard agents[index].core != nil, agents[index].incarnation == incarnation else { return }
        agents[index].armed = nil
        agentHandle(index, .tick)
    }

    /// One event through the agent's core, then what follows from its actions (a container
    /// that started, one found ended), in order, as the agent's actor does.
    func agentHandle(_ index: Int, _ event: AgentCore.Event) {
        guard var core = agents[index].core else { return }
        let actions = core.handle(event, now: instant)
        agents[index].core = core
        agentCarryOut(index, actions)
    }

    private func agentCarryOut(_ index: Int, _ actions: [AgentCore.Action]) {
        var inbox = agentPerform(index, actions)
        while !inbox.isEmpty, var core = agents[index].core {
            let event = inbox.removeFirst()
            let more = core.handle(event, now: instant)
            agents[index].core = core
            inbox += agentPerform(index, more)
        }
        checkAgentStates(index)
        rearmAgent(index)
    }

    private func rearmAgent(_ index: Int) {
        guard let deadline = agents[index].core?.nextDeadline, deadline != agents[index].armed else { return }
        agents[index].armed = deadline
        queue.schedule(.agentDeadline(index, incarnation: agents[index].incarnation), at: max(now, deadline.wall))
    }
}
