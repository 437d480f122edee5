import CorralModel

extension Simulation {
    /// How long, once faults stop, the cluster has to converge before the run fails.
    static let convergenceDeadline = 900.0

    func enter(_ next: SimPhase) {
        phase = next
        switch next {
        case .calm:
            log("PHASE", "faults stop: every process restarts, every partition heals")
            network.faultsOn = false
            for node in network.partitioned.sorted() { heal(node) }
            if master.core == nil { startMaster() }
            for index in agents.indices where agents[index].core == nil { startAgent(index) }
            for index in frameworks.indices where frameworks[index].logic == nil { startFramework(index) }
            schedule(.phase(.checkFairness), after: 60)
        case .checkFairness:
            checkFairness()
            for index in frameworks.indices {
                frameworks[index].logic?.closeBacklog()
                frameworks[index].stored.closeBacklog()
            }
            log("PHASE", "the batch frameworks close their backlogs; waiting for the cluster to converge")
            convergeBy = now + Self.convergenceDeadline
            schedule(.phase(.checkConvergence), after: 5)
        case .checkConvergence:
            let unmet = convergenceProblems()
            if unmet.isEmpty {
                log("PHASE", "converged")
                converged = true
                finished = true
            } else if now >= convergeBy {
                for problem in unmet { violation("did not converge within \(Int(Self.convergenceDeadline)) s: \(problem)") }
            } else {
                schedule(.phase(.checkConvergence), after: 5)
            }
        }
    }

    /// Dominant Resource Fairness between the two batch frameworks of one role, both with
    /// work waiting: their running tasks differ by at most one.
    func checkFairness() {
        guard let core = master.core else { return violation("the master is down after the faults stopped") }
        let snapshot = core.snapshot(now: now)
        let batch = frameworks.filter { $0.role == SimFrameworks.batchRole }
        let counts = batch.map { node in
            snapshot.tasks.filter { $0.frameworkID == node.frameworkID && $0.state == .running }.count
        }
        for agent in snapshot.agents {
            let held = snapshot.tasks.filter { $0.agentID == agent.id && !$0.state.isTerminal }.map { "\($0.id)" }.sorted()
            log("CHECK", "agent \(agent.id): total \(agent.total), used \(agent.used), offered \(agent.offered): \(held)")
        }
        log("CHECK", "fairness: " + zip(batch, counts).map { "\($0.name) runs \($1)" }.joined(separator: ", "))
        if let most = counts.max(), let least = counts.min(), most - least > 1 {
            violation("DRF: frameworks of role '\(SimFrameworks.batchRole)' with equal demand run \(counts) tasks, more than one apart")
        }
    }
}
