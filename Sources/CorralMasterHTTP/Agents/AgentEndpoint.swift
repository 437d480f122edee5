import CorralHTTPServer
import CorralMaster
import CorralMesosJSON
import CorralModel
import Hummingbird
import Logging
import NIOCore

/// Corral's agent protocol. `POST /corral/v1/agent/register` takes REGISTER and answers with a
/// RecordIO stream of `AgentEvent`s (REGISTERED first, then launches, kills, acknowledgements,
/// heartbeats) that lasts as long as the agent's connection; a connection that opens with it is
/// answered on the event loop (`AgentStreamHandler`). `POST /corral/v1/agent` takes the other
/// calls, answered 202, and REGISTER too, as agents of earlier versions send it.
struct AgentEndpoint: Sendable {
    static let path = "/corral/v1/agent"
    static let registerPath = "/corral/v1/agent/register"

    let master: Master
    let heartbeatInterval: Double
    let bodyLimit: Int
    let logger: Logger
    /// The timers of the streams answered on the event loops.
    let heartbeats: AgentHeartbeats

    init(master: Master, heartbeatInterval: Double, bodyLimit: Int, logger: Logger) {
        self.master = master
        self.heartbeatInterval = heartbeatInterval
        self.bodyLimit = bodyLimit
        self.logger = logger
        heartbeats = AgentHeartbeats(interval: TimeAmount(.clampedSeconds(heartbeatInterval)))
    }

    /// A REGISTER call: the agent (its ID filled in from `agent_id` when its info has none),
    /// how it isolates tasks and what it holds.
    struct Registration: Sendable {
        var info: AgentInfo
        var isolation: String
        var inventory: AgentInventory

        init?(_ message: AgentCallMessage) {
            guard case .register(var info, let isolation, let inventory) = message.call else { return nil }
            if info.id == nil { info.id = message.agentID }
            (self.info, self.isolation, self.inventory) = (info, isolation, inventory)
        }
    }

    /// What the master said to a REGISTER it took.
    struct Admission: Sendable {
        let agentID: AgentID
        let connection: ConnectionID
        /// REGISTERED, as JSON: the stream's first record.
        let registered: [UInt8]
    }

    /// `principal` is the one the agent authenticated as (nil when agents are not
    /// authenticated): an agent ID is bound to the principal that registered it, and only that
    /// principal may speak for it. A REGISTER's stream ends when `connectionClosed` completes.
    func respond(to request: Request, principal: String?, connectionClosed: EventLoopFuture<Void>? = nil) async throws(HTTPProblem) -> Response {
        var request = request
        let message = try await request.decodeCall(AgentCallMessage.self, named: "agent call", bodyLimit: bodyLimit)
        if let registration = Registration(message) { return try await stream(registration, principal: principal, connectionClosed: connectionClosed) }
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

    /// `registerPath` when its connection did not open with it (a client that keeps its
    /// connections open between requests).
    func respondToRegistration(_ request: Request, principal: String?, connectionClosed: EventLoopFuture<Void>? = nil) async throws(HTTPProblem) -> Response {
        try await stream(try await registration(in: request), principal: principal, connectionClosed: connectionClosed)
    }

    /// The REGISTER call `request` carries: anything else at `registerPath` is a 400.
    func registration(in request: Request) async throws(HTTPProblem) -> Registration {
        var request = request
        return try Self.registration(in: try await request.decodeCall(AgentCallMessage.self, named: "agent call", bodyLimit: bodyLimit))
    }

    /// The same, from a body read whole already.
    func registration(in request: Request, body: ByteBuffer) throws(HTTPProblem) -> Registration {
        try Self.registration(in: try request.decodeCall(AgentCallMessage.self, named: "agent call", body: body, bodyLimit: bodyLimit))
    }

    private static func registration(in message: AgentCallMessage) throws(HTTPProblem) -> Registration {
        guard let registration = Registration(message) else {
            throw HTTPProblem(.badRequest, "Expecting 'type' to be REGISTER at \(registerPath), received \(message.call.typeName); other calls go to \(path)")
        }
        return registration
    }

    private func stream(_ registration: Registration, principal: String?, connectionClosed: EventLoopFuture<Void>?) async throws(HTTPProblem) -> Response {
        let (records, sink) = EventStreamSink.make()
        let admission = try await admit(registration, principal: principal, link: StreamAgentLink(sink: sink))
        return eventStreamResponse(
            first: admission.registered, records: records, sink: sink, heartbeat: MesosJSON.encode(AgentEvent.heartbeat), heartbeatInterval: heartbeatInterval,
            connectionClosed: connectionClosed,
            onEnd: {
                sink.finish()
                await disconnected(admission)
            })
    }

    /// Registers the agent, with `link` as its way back. An agent marked gone gets 403 with the
    /// reason; it must not try again.
    func admit(_ registration: Registration, principal: String?, link: any AgentLink) async throws(HTTPProblem) -> Admission {
        let info = registration.info
        let agentID: AgentID
        let connection: ConnectionID
        do {
            (agentID, connection) = try await master.registerAgent(
                info, isolation: registration.isolation, inventory: registration.inventory, principal: principal, link: link)
        } catch {
            throw HTTPProblem(.forbidden, error.reason)
        }
        logger.info("agent registered", metadata: ["agent": "\(agentID)", "host": "\(info.hostname):\(info.port)"])
        return Admission(
            agentID: agentID, connection: connection, registered: MesosJSON.encode(AgentEvent.registered(agentID, heartbeatIntervalSeconds: heartbeatInterval)))
    }

    /// The agent's stream ended: the master counts it as disconnected (unless it registered
    /// again on another connection since).
    func disconnected(_ admission: Admission) async {
        logger.info("agent connection closed", metadata: ["agent": "\(admission.agentID)"])
        await master.agentDisconnected(admission.agentID, connection: admission.connection)
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
