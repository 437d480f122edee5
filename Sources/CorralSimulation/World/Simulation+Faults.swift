import CorralModel

#if canImport(Glibc)
import Glibc
#endif

extension Simulation {
    /// One process fault, then the next one after an exponential wait, while the faults last:
    /// a crash of the master, an agent or a framework (each restarts from what it persisted),
    /// or a partition between a node and the master.
    func injectFault() {
        guard phase == nil else { return }
        faultsInjected += 1
        let roll = uniform(0...1)
        if roll < 0.12 {
            crash(.master, restartAfter: uniform(1...25))
        } else if roll < 0.4 {
            crash(.agent(Int.random(in: 1...agents.count, using: &random)), restartAfter: uniform(1...40))
        } else if roll < 0.6 {
            crash(.framework(Int.random(in: 1...frameworks.count, using: &random)), restartAfter: uniform(1...20))
        } else {
            partition(randomClient(), for: uniform(1...40))
        }
        schedule(.fault, after: nextFaultDelay())
    }

    func nextFaultDelay() -> Double {
        // Exponential, so faults bunch up now and then as they do.
        -options.faults.meanSecondsBetweenFaults * log1p(-uniform(0...0.999))
    }

    private func randomClient() -> NodeID {
        let index = Int.random(in: 0..<(agents.count + frameworks.count), using: &random)
        return index < agents.count ? .agent(index + 1) : .framework(index - agents.count + 1)
    }

    func isUp(_ node: NodeID) -> Bool {
        switch node {
        case .master: master.core != nil
        case .agent(let index): agents[index - 1].core != nil
        case .framework(let index): frameworks[index - 1].logic != nil
        }
    }

    /// kill -9: the process's memory is gone, its connections break, its disk stays.
    func crash(_ node: NodeID, restartAfter delay: Double) {
        guard isUp(node) else { return }
        log("FAULT", "\(node) crashes; back in \(Self.format(delay)) s")
        switch node {
        case .master:
            master.core = nil
            for connection in network.openConnections { breakConnection(connection) }
        case .agent(let index):
            agents[index - 1].core = nil
            agents[index - 1].link = nil
            for connection in network.connections(of: node) { breakConnection(connection) }
        case .framework(let index):
            frameworks[index - 1].logic = nil
            frameworks[index - 1].link = nil
            for connection in network.connections(of: node) { breakConnection(connection) }
        }
        schedule(.restart(node), after: delay)
    }

    func restart(_ node: NodeID) {
        guard !isUp(node) else { return }
        switch node {
        case .master: startMaster()
        case .agent(let index): startAgent(index - 1)
        case .framework(let index): startFramework(index - 1)
        }
    }

    /// Cuts `node` off from the master; keep-alives notice dead connections a while later.
    func partition(_ node: NodeID, for duration: Double) {
        guard !network.partitioned.contains(node) else { return }
        log("FAULT", "\(node) is cut off from the master for \(Self.format(duration)) s")
        network.partitioned.insert(node)
        for connection in network.connections(of: node) { schedule(.breakLink(connection), after: uniform(2...20)) }
        schedule(.heal(node), after: duration)
    }

    func heal(_ node: NodeID) {
        guard network.partitioned.remove(node) != nil else { return }
        log("FAULT", "\(node) reaches the master again")
    }
}
