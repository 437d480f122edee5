import CorralModel

extension Simulation {
    /// How long, once faults stop, the cluster has to converge before the run fails.
    static let convergenceDeadline = 900.0
    /// Fairness is sampled this many times, a second apart, at the end of the calm minute; a
    /// moment right after several tasks of one framework ended together is not unfair, so the
    /// check fails only when most samples are.
    static let fairnessSamples = 10

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
            schedule(.phase(.checkFairness(sample: 1)), after: 60 - Double(Self.fairnessSamples))
        case .checkFairness(let sample):
            sampleFairness()
            guard sample == Self.fairnessSamples else {
                schedule(.phase(.checkFairness(sample: sample + 1)), after: 1)
                return
            }
            if unfairSamples.count * 2 > Self.fairnessSamples {
                violation("DRF: frameworks of role '\(SimFrameworks.batchRole)' with equal demand were more than one task apart in \(unfairSamples.count) of \(Self.fairnessSamples) samples: \(unfairSamples.joined(separator: "; "))")
            }
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
    /// work waiting: the tasks they hold (launched and not ended) differ by at most one.
    func sampleFairness() {
        guard let core = master.core else { return violation("the master is down after the faults stopped") }
        let snapshot = core.snapshot(now: instant)
        let batch = frameworks.filter { $0.role == SimFrameworks.batchRole }
        let counts = batch.map { node in
            snapshot.tasks.filter { $0.frameworkID == node.frameworkID && !$0.state.isTerminal }.count
        }
        let line = zip(batch, counts).map { "\($0.name) holds \($1)" }.joined(separator: ", ")
        log("CHECK", "fairness: \(line)")
        if let most = counts.max(), let least = counts.min(), most - least > 1 { unfairSamples.append(line) }
    }
}
