import CorralHTTPServer
import CorralMaster
import CorralMesosJSON
import CorralModel
import Hummingbird
import Logging

/// `POST /corral/v1/agent`: Corral's agent protocol. REGISTER answers with a RecordIO stream of
/// `AgentEvent`s (REGISTERED first, then launches, kills, acknowledgements, heartbeats) that
/// lasts as long as the agent's connection; every other call answers 202.
struct AgentEndpoint: Sendable {
    let master: Master
    let heartbeatInterval: Double
    let bodyLimit: Int
    let logger: Logger

    /// `principal` is the one the agent authenticated as (nil when agents are not
    /// authenticated): an agent ID is bound to the principal that registered it, and only that
    /// principal may speak for it.
    func respond(to request: Request, principal: String?) async throws(HTTPProblem) -> Response {
        var request = request
        let message = try await request.decodeCall(AgentCallMessage.self, named: "agent call", bodyLimit: bodyLimit)
        if case .register(var info, let isolation, let inventory) = message.call {
            if info.id == nil { info.id = message.agentID }
            return try await register(info, isolation: isolation, inventory: inventory, principal: principal)
        }
        guard let agentID = message.agentID else {
            throw HTTPProblem(.badRequest, "Expecting 'agent_id' to be present for \(message.call.typeName)")
        }
        if let principal, let owner = await master.agentPrincipal(agentID), owner != principal {
            throw HTTPProblem(.forbidden, "Principal '\(principal)' may not speak for agent \(agentID)")
        }
        switch message.call {
        case .update(let update): await master.statusUpdate(update, from: agentID)
        case .usage(let usage): await master.usage(usage)
        case .ping: await master.agentPing(agentID)
        case .draining: await master.agentDraining(agentID)
        case .unregister(let reason): await master.agentUnregistered(agentID, reason: reason)
        case .register: break
        }
        return .empty(.accepted)
    }

    /// An agent marked gone gets 403 with the reason; it must not try again.
    private func register(_ info: AgentInfo, isolation: String, inventory: AgentInventory, principal: String?) async throws(HTTPProblem) -> Response {
        let (records, sink) = EventStreamSink.make()
        let link = StreamAgentLink(sink: sink)
        let agentID: AgentID
        let connection: ConnectionID
        do {
            (agentID, connection) = try await master.registerAgent(info, isolation: isolation, inventory: inventory, principal: principal, link: link)
        } catch {
            throw HTTPProblem(.forbidden, error.reason)
        }
        logger.info("agent registered", metadata: ["agent": "\(agentID)", "host": "\(info.hostname):\(info.port)"])
        let master = self.master
        let logger = self.logger
        return eventStreamResponse(
            first: MesosJSON.encode(AgentEvent.registered(agentID, heartbeatIntervalSeconds: heartbeatInterval)),
            records: records, sink: sink, heartbeat: MesosJSON.encode(AgentEvent.heartbeat), heartbeatInterval: heartbeatInterval,
            onEnd: {
                sink.finish()
                logger.info("agent connection closed", metadata: ["agent": "\(agentID)"])
                await master.agentDisconnected(agentID, connection: connection)
            })
    }
}

/// The master's side of an agent's stream: each message is written as JSON into the agent's
/// response as the master sends it, in the master's order, with no task relaying between them.
struct StreamAgentLink: AgentLink {
    let sink: EventStreamSink

    func send(_ message: AgentMessage) { sink.send(MesosJSON.encode(AgentEvent.message(message))) }

    /// Ending the messages ends the response stream; the agent registers again.
    func close() { sink.finish() }
}
