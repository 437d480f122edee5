import CorralModel

extension Simulation {
    /// What still differs from a settled cluster: every process up and connected, every
    /// terminal update acknowledged, the master's tasks exactly the containers that run, each
    /// framework's tasks exactly the master's, and each framework's own goals met.
    func convergenceProblems() -> [String] {
        guard let core = master.core else { return ["the master is down"] }
        var problems: [String] = []
        for agent in agents {
            if agent.core == nil { problems.append("\(agent.node) is down") }
            if !agent.registered { problems.append("\(agent.node) is not registered") }
            if agent.core?.awaitsAcknowledgements == true { problems.append("\(agent.node) has status updates not acknowledged") }
        }
        let snapshot = core.snapshot(now: instant)
        problems += groundTruthProblems(snapshot)
        for node in frameworks {
            guard let logic = node.logic, node.subscribed, let id = node.frameworkID else {
                problems.append("\(node.name) is not subscribed")
                continue
            }
            let masters = Set(snapshot.tasks.filter { $0.frameworkID == id && !$0.state.isTerminal }.map(\.id))
            if logic.liveTasks != masters {
                problems.append("\(node.name) counts tasks \(Self.list(logic.liveTasks)) alive, the master \(Self.list(masters))")
            }
            problems += logic.unsettled(now: instant).map { "\(node.name): \($0)" }
        }
        return problems
    }

    /// The master's tasks that have not ended against the containers that run on the hosts:
    /// no task lost (running with no master task) and none phantom (a master task with no
    /// process).
    private func groundTruthProblems(_ snapshot: ClusterSnapshot) -> [String] {
        var running: [TaskKey: String] = [:]
        for (index, host) in hosts.enumerated() {
            for container in host.containers.values where container.ended == nil { running[container.key] = agents[index].hostname }
        }
        var masters: [TaskKey: String] = [:]
        for task in snapshot.tasks where !task.state.isTerminal {
            let host = agents.first { $0.checkpoint.agentID == task.agentID }?.hostname ?? "unknown agent \(task.agentID)"
            masters[TaskKey(task.frameworkID, task.id)] = host
            if task.state != .running { return ["task \(task.id) is still \(task.state.rawValue) at the master"] }
        }
        guard running != masters else { return [] }
        let lost = running.keys.filter { masters[$0] == nil }.sorted().map(\.description)
        let phantom = masters.keys.filter { running[$0] == nil }.sorted().map(\.description)
        return ["running tasks the master does not list: \(lost); tasks the master lists that run nowhere: \(phantom)"]
    }

    static func list(_ ids: Set<TaskID>) -> String {
        "[" + ids.map(\.value).sorted().joined(separator: ", ") + "]"
    }
}
