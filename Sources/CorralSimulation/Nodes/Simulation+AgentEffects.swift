import CorralAgent
import CorralModel

extension Simulation {
    /// Carries out an agent core's actions in order, as the agent's actor does: the checkpoint
    /// first, containers on the host, messages to the master. Returns the events that follow
    /// at once (a container started, or was found ended).
    func agentPerform(_ index: Int, _ actions: [AgentCore.Action]) -> [AgentCore.Event] {
        var follow: [AgentCore.Event] = []
        for action in actions {
            guard agents[index].core != nil else { break }
            switch action {
            case .checkpointFramework(let info):
                if let id = info.id { agents[index].checkpoint.frameworks[id] = info }
            case .forgetFramework(let id):
                agents[index].checkpoint.frameworks[id] = nil
            case .checkpointTask(let record):
                agents[index].checkpoint.tasks[record.containerID] = (record, [.task(record)])
            case .checkpointUpdate(let update, let containerID):
                agents[index].checkpoint.tasks[containerID]?.log.append(.update(update))
            case .checkpointAcknowledgement(let uuid, let containerID):
                agents[index].checkpoint.tasks[containerID]?.log.append(.acknowledgement(uuid: uuid))
            case .forgetTask(let containerID):
                agents[index].checkpoint.tasks[containerID] = nil
                hosts[index].containers[containerID] = nil
            case .launchContainer(let key):
                follow += launchContainer(index, key)
            case .watchContainer(let key):
                follow += watchContainer(index, key)
            case .signal(let containerID, let signal):
                signalContainer(index, containerID, signal)
            case .destroyContainer(let containerID):
                destroyContainer(index, containerID)
            case .startHealthChecks, .stopHealthChecks:
                break
            case .checkpointDraining, .announceDraining:
                break  // the simulation's agents never drain (no SIGUSR1 there); they crash
            case .send(let update):
                guard agents[index].registered, let id = agents[index].checkpoint.agentID else { break }
                request(.agentStatus(id, update), from: agents[index].node, to: .master)
            case .unregister(let reason), .stop(let reason):
                log(agents[index].node.description, "stops: \(reason)")
                agents[index].core = nil
            }
        }
        return follow
    }

    private func launchContainer(_ index: Int, _ key: TaskKey) -> [AgentCore.Event] {
        guard let task = agents[index].core?.task(key) else { return [] }
        if !launched.insert(key).inserted { violation("task \(key) was launched a second time, on \(agents[index].node)") }
        hosts[index].containers[task.containerID] = SimHost.Container(key: key)
        agents[index].watching.insert(task.containerID)
        if let seconds = SimWorkload.duration(of: task.info) {
            planEnd(index, task.containerID, .init(exit: .exited(0)), after: seconds)
        }
        // While faults are on, some tasks crash on their own.
        if network.faultsOn, chance(0.05) {
            planEnd(index, task.containerID, .init(exit: .exited(1)), after: uniform(0.5...30))
        }
        return [.containerStarted(key)]
    }

    private func watchContainer(_ index: Int, _ key: TaskKey) -> [AgentCore.Event] {
        guard let containerID = agents[index].core?.task(key)?.containerID else { return [] }
        agents[index].watching.insert(containerID)
        guard let ended = hosts[index].containers[containerID]?.ended else { return [] }
        return [.containerEnded(key, ended)]
    }

    private func signalContainer(_ index: Int, _ containerID: String, _ signal: Int32) {
        guard let container = hosts[index].containers[containerID], container.ended == nil else { return }
        // SIGTERM: the task takes a moment to exit; SIGKILL: at once.
        let delay = signal == 9 ? 0.001 : uniform(0.05...3)
        planEnd(index, containerID, .init(exit: .signaled(signal)), after: delay)
    }

    private func destroyContainer(_ index: Int, _ containerID: String) {
        guard hosts[index].containers[containerID] != nil else { return }
        if hosts[index].containers[containerID]?.ended == nil {
            hosts[index].containers[containerID]?.ended = .init(exit: .signaled(9))
        }
        hosts[index].containers[containerID]?.destroyed = true
    }

    private func planEnd(_ index: Int, _ containerID: String, _ termination: ContainerTermination, after delay: Double) {
        guard hosts[index].containers[containerID] != nil else { return }
        schedule(.containerEnds(agent: index, containerID: containerID, termination), after: delay)
    }

    func containerEnds(agent number: Int, containerID: String, _ termination: ContainerTermination) {
        let index = number
        guard var container = hosts[index].containers[containerID], container.ended == nil else { return }
        // The first end to come wins: a task that exits before a signal reaches it exits.
        container.ended = termination
        hosts[index].containers[containerID] = container
        log(agents[index].node.description, "container \(containerID) ends: \(termination.message)")
        guard agents[index].core != nil, agents[index].watching.contains(containerID) else { return }
        agentHandle(index, .containerEnded(container.key, termination))
    }

    /// A task the agent reported ended must never be reported running again.
    func checkAgentStates(_ index: Int) {
        guard let core = agents[index].core else { return }
        for key in core.taskKeys.sorted() {
            guard let state = core.task(key)?.state else { continue }
            if let before = agents[index].reported[key], before.isTerminal, !state.isTerminal {
                violation("\(agents[index].node) has task \(key) \(state.rawValue) after it was \(before.rawValue)")
            }
            agents[index].reported[key] = state
        }
    }
}
