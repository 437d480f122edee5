import CorralMaster
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

    func respond(to request: Request) async throws(HTTPProblem) -> Response {
        guard request.method == .post else {
            throw HTTPProblem(.methodNotAllowed, "Expecting a 'POST' request, received '\(request.method)'", headers: [.allow: "POST"])
        }
        try request.requireJSONContentType()
        var request = request
        let body = try await request.body(upTo: bodyLimit)
        let message: AgentCallMessage
        do {
            message = try MesosJSON.decode(AgentCallMessage.self, from: body)
        } catch {
            throw HTTPProblem(.badRequest, "Failed to parse the agent call: \(error)")
        }
        if case .register(var info, let isolation, let tasks) = message.call {
            if info.id == nil { info.id = message.agentID }
            return await register(info, isolation: isolation, tasks: tasks)
        }
        guard let agentID = message.agentID else {
            throw HTTPProblem(.badRequest, "Expecting 'agent_id' to be present for \(message.call.typeName)")
        }
        switch message.call {
        case .update(let update): await master.statusUpdate(update, from: agentID)
        case .usage(let usage): await master.usage(usage)
        case .ping: await master.agentPing(agentID)
        case .unregister(let reason): await master.agentGone(agentID, reason: reason)
        case .register: break
        }
        return .empty(.accepted)
    }

    private func register(_ info: AgentInfo, isolation: String, tasks: [RunningTaskReport]) async -> Response {
        let (messages, sink) = AsyncStream.makeStream(of: AgentMessage.self)
        let link = StreamAgentLink(sink: sink)
        let (agentID, connection) = await master.registerAgent(info, isolation: isolation, runningTasks: tasks, link: link)
        logger.info("agent registered", metadata: ["agent": "\(agentID)", "host": "\(info.hostname):\(info.port)"])
        let master = self.master
        let heartbeat = heartbeatInterval
        let logger = self.logger
        let body = ResponseBody { writer in
            let (output, events) = AsyncStream.makeStream(of: AgentEvent.self)
            events.yield(.registered(agentID, heartbeatIntervalSeconds: heartbeat))
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await message in messages { events.yield(.message(message)) }
                        events.finish()
                    }
                    group.addTask {
                        while !Task.isCancelled {
                            try await Task.sleep(for: .seconds(heartbeat))
                            events.yield(.heartbeat)
                        }
                    }
                    for await event in output {
                        try await writer.write(ByteBuffer(bytes: RecordIO.frame(MesosJSON.encode(event))))
                    }
                    group.cancelAll()
                }
                try await writer.finish(nil)
            } catch {
                logger.info("agent connection closed", metadata: ["agent": "\(agentID)", "reason": "\(error)"])
            }
            sink.finish()
            await master.agentDisconnected(agentID, connection: connection)
        }
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"], body: body)
    }
}

/// The master's side of an agent's stream: messages are queued for the response writer.
struct StreamAgentLink: AgentLink {
    let sink: AsyncStream<AgentMessage>.Continuation

    func send(_ message: AgentMessage) { sink.yield(message) }
}
