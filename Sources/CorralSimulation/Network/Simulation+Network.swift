import CorralMaster
import CorralModel

extension Simulation {
    /// A request from `from` to `to`: lost when either end is cut off or down, sometimes lost
    /// or doubled while faults are on, otherwise delivered after its latency.
    /// Returns false when the request is lost: its sender, an HTTP client, sees the failure.
    @discardableResult
    func request(_ message: SimMessage, from: NodeID, to: NodeID, opening connection: ConnectionID? = nil) -> Bool {
        guard network.reachable(from, to) else { return false }
        let envelope = Envelope(from: from, to: to, connection: connection, onStream: false, message: message)
        if network.faultsOn, chance(options.faults.drop) {
            log("network", "lost \(from) → \(to) \(message.summary)")
            return false
        }
        schedule(.deliver(envelope), after: latency())
        if network.faultsOn, chance(options.faults.duplicate) {
            log("network", "doubled \(from) → \(to) \(message.summary)")
            // A client that retries a request that opens a stream retries it on a connection
            // of its own, whose answer it then does not read.
            var copy = envelope
            if connection != nil { copy.connection = network.openConnection(for: from, now: now) }
            schedule(.deliver(copy), after: latency())
        }
        return true
    }

    /// A message on an open connection: in order behind the stream's earlier ones. One that is
    /// lost, or sent across a partition, breaks the connection instead.
    func stream(_ message: SimMessage, from: NodeID, to: NodeID, on connection: ConnectionID) {
        guard network.isOpen(connection) else { return }
        if !network.reachable(from, to) || (network.faultsOn && chance(options.faults.drop)) {
            log("network", "lost \(from) → \(to) \(message.summary); the connection breaks")
            breakConnection(connection)
            return
        }
        let at = network.streamDelivery(on: connection, at: now + latency())
        queue.schedule(.deliver(Envelope(from: from, to: to, connection: connection, onStream: true, message: message)), at: at)
    }

    /// Closes a connection; each end notices after a while (a reset, or a timeout).
    func breakConnection(_ connection: ConnectionID) {
        guard let client = network.links[connection]?.client, network.close(connection) else { return }
        schedule(.linkLost(client, connection), after: uniform(0.01...3))
        schedule(.linkLost(.master, connection), after: uniform(0.01...3))
    }

    func latency() -> Double {
        let faults = options.faults
        if network.faultsOn, chance(faults.slowProbability) { return uniform(faults.slowLatency) }
        return uniform(faults.latency)
    }

    func deliver(_ envelope: Envelope) {
        if envelope.onStream, let connection = envelope.connection, !network.isOpen(connection) { return }
        switch envelope.to {
        case .master:
            guard master.core != nil else { return }
            log("master", "← \(envelope.from) \(envelope.message.summary)")
            masterReceive(envelope)
        case .agent(let index):
            guard agents[index - 1].core != nil else { return }
            log("\(envelope.to)", "← \(envelope.message.summary)")
            agentReceive(index - 1, envelope)
        case .framework(let index):
            guard frameworks[index - 1].logic != nil else { return }
            log("\(frameworks[index - 1].name)", "← \(envelope.message.summary)")
            frameworkReceive(index - 1, envelope)
        }
    }

    func linkLost(_ node: NodeID, _ connection: ConnectionID) {
        switch node {
        case .master: masterLinkLost(connection)
        case .agent(let index): agentLinkLost(index - 1, connection)
        case .framework(let index): frameworkLinkLost(index - 1, connection)
        }
    }
}
