import CorralHTTPServer
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// A connection that opened with `POST /corral/v1/agent/register`, answered on its event loop:
/// the request is read and checked as every call is (authentication, method, Content-Type, size,
/// JSON), the master registers the agent, and the connection becomes the agent's stream. The
/// master's messages are written as it sends them, heartbeats on their loop's timer (`AgentHeartbeats`).
///
/// This is the agent's side of a failover: ten thousand of these arrive at once, and the async
/// HTTP stack's share of each (a task, an async channel, a response writer, a heartbeat task)
/// was most of what the master spent on it.
final class AgentStreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    private enum State {
        case reading(head: HTTPRequest?, body: ByteBuffer)
        /// The master is registering the agent; what it sends meanwhile waits for REGISTERED.
        case registering(queued: [ByteBuffer])
        case streaming(AgentEndpoint.Admission)
        case closed
    }

    private let endpoint: AgentEndpoint
    private let authenticator: HTTPAuthenticator
    private let readTimeout: TimeAmount
    /// Records the agent may have waiting, unread or held for REGISTERED: one more ends the
    /// stream, as every event stream's backlog does (the agent registers again).
    private let backlogLimit: Int
    private static let heartbeatRecord = ByteBuffer(bytes: RecordIO.frame(MesosJSON.encode(AgentEvent.heartbeat)))
    private var state = State.reading(head: nil, body: ByteBuffer())
    private var context: ChannelHandlerContext?
    private var readDeadline: Scheduled<Void>?
    private var beating = false
    /// Records written while the agent was not reading: more than a stream's backlog ends it.
    private var unreadRecords = 0

    init(endpoint: AgentEndpoint, authenticator: HTTPAuthenticator, readTimeout: TimeAmount, backlogLimit: Int = eventStreamBacklogLimit) {
        self.endpoint = endpoint
        self.authenticator = authenticator
        self.readTimeout = readTimeout
        self.backlogLimit = max(1, backlogLimit)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let channel = context.channel
        readDeadline = context.eventLoop.scheduleTask(in: readTimeout) { channel.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .reading(let head, var body) = state else { return }
        switch Self.unwrapInboundIn(data) {
        case .head(let request):
            state = .reading(head: request, body: body)
        case .body(var bytes):
            // One byte past the limit is kept, for the size check to refuse, at once: the rest
            // of a body that large is not waited for.
            let room = endpoint.bodyLimit + 1 - body.readableBytes
            if room > 0, var kept = bytes.readSlice(length: min(room, bytes.readableBytes)) { body.writeBuffer(&kept) }
            state = .reading(head: head, body: body)
            if body.readableBytes > endpoint.bodyLimit { requestRead(head: head, body: body, context: context) }
        case .end:
            requestRead(head: head, body: body, context: context)
        }
    }

    private func requestRead(head: HTTPRequest?, body: ByteBuffer, context: ChannelHandlerContext) {
        readDeadline?.cancel()
        guard let head else { return context.close(promise: nil) }
        state = .registering(queued: [])
        register(Request(head: head, body: RequestBody(buffer: body)), body: body, context: context)
    }

    /// Bodies up to this size are checked and decoded on the event loop, where they were read:
    /// that took a tenth off a failover, as ten thousand agents' decoding spread over the loops
    /// rather than queueing for the cooperative pool behind the master's actor. Larger ones (an
    /// agent with a thousand tasks) are decoded off the loop, so that the connections sharing it
    /// do not wait for them.
    static let decodeOnLoopLimit = 256 * 1024

    /// Checks and decodes the request (on the loop when it is small), registers the agent with
    /// the master off the loop, then answers on it.
    private func register(_ request: Request, body: ByteBuffer, context: ChannelHandlerContext) {
        let endpoint = self.endpoint
        let authenticator = self.authenticator
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let link = ChannelAgentLink(handler: handler)
        var checked: (principal: String?, registration: AgentEndpoint.Registration)?
        if body.readableBytes <= Self.decodeOnLoopLimit {
            do throws(HTTPProblem) {
                checked = (try authenticator.principal(of: request, realm: MesosRealm.agent), try endpoint.registration(in: request, body: body))
            } catch {
                return registered(.failure(error))
            }
        }
        Task { [checked] in
            let answer: Result<AgentEndpoint.Admission, HTTPProblem>
            do throws(HTTPProblem) {
                let principal: String?
                let registration: AgentEndpoint.Registration
                if let checked {
                    (principal, registration) = checked
                } else {
                    principal = try authenticator.principal(of: request, realm: MesosRealm.agent)
                    registration = try await endpoint.registration(in: request)
                }
                answer = .success(try await endpoint.admit(registration, principal: principal, link: link))
            } catch {
                answer = .failure(error)
            }
            handler.eventLoop.execute { handler.value.registered(answer) }
        }
    }

    private func registered(_ answer: Result<AgentEndpoint.Admission, HTTPProblem>) {
        switch (state, answer) {
        case (.registering(let queued), .success(let admission)):
            guard let context else { return }
            state = .streaming(admission)
            context.write(Self.wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: [.contentType: "application/json", .cacheControl: "no-cache"]))), promise: nil)
            context.write(Self.wrapOutboundOut(.body(ByteBuffer(bytes: RecordIO.frame(admission.registered)))), promise: nil)
            for record in queued { context.write(Self.wrapOutboundOut(.body(record)), promise: nil) }
            context.flush()
            endpoint.heartbeats.add(self, on: context.eventLoop)
            beating = true
        case (.registering, .failure(let problem)):
            refuse(problem)
        case (.closed, .success(let admission)):
            // The agent went away while the master registered it.
            let endpoint = self.endpoint
            Task { await endpoint.disconnected(admission) }
        default:
            break
        }
    }

    private func refuse(_ problem: HTTPProblem) {
        guard let context else { return }
        state = .closed
        endpoint.logger.debug("refused request", metadata: ["path": "\(AgentEndpoint.registerPath)", "status": "\(problem.status.code)", "problem": "\(problem.message)"])
        let text = ByteBuffer(string: problem.plainText)
        var fields = problem.plainTextHeaders
        fields[.connection] = "close"
        fields[.contentLength] = "\(text.readableBytes)"
        context.write(Self.wrapOutboundOut(.head(HTTPResponse(status: problem.status, headerFields: fields))), promise: nil)
        context.write(Self.wrapOutboundOut(.body(text)), promise: nil)
        let channel = context.channel
        context.writeAndFlush(Self.wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// A record from the master, framed: written at once on a stream, held until REGISTERED
    /// while the master registers the agent (past the backlog the connection ends), dropped
    /// once the connection is over.
    func send(_ record: ByteBuffer) {
        switch state {
        case .registering(var queued):
            guard queued.count < backlogLimit else {
                context?.close(promise: nil)
                return
            }
            queued.append(record)
            state = .registering(queued: queued)
        case .streaming:
            write(record)
        case .reading, .closed:
            break
        }
    }

    func heartbeatDue() {
        if case .streaming = state { write(Self.heartbeatRecord) }
    }

    private func write(_ record: ByteBuffer) {
        guard let context else { return }
        context.writeAndFlush(Self.wrapOutboundOut(.body(record)), promise: nil)
        guard !context.channel.isWritable else { return }
        unreadRecords += 1
        if unreadRecords > backlogLimit { context.close(promise: nil) }
    }

    /// The master ends the link: the stream ends, and the agent registers again.
    func end() {
        guard let context else { return }
        if case .streaming = state {
            context.writeAndFlush(Self.wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { unreadRecords = 0 }
        context.fireChannelWritabilityChanged()
    }

    /// The server is shutting down: the stream ends as the async server's streams do. (An
    /// agent that closes its side is let go by the pipeline's `HalfClosedStreamHandler`, as
    /// every stream's client is.)
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent { return end() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        readDeadline?.cancel()
        if beating { endpoint.heartbeats.remove(self, on: context.eventLoop) }
        beating = false
        if case .streaming(let admission) = state {
            let endpoint = self.endpoint
            Task { await endpoint.disconnected(admission) }
        }
        state = .closed
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// The master's side of an agent's stream answered on the event loop: each message is encoded
/// where the master sends it and written by the connection's handler, in the master's order.
struct ChannelAgentLink: AgentLink {
    let handler: NIOLoopBound<AgentStreamHandler>

    func send(_ message: AgentMessage) {
        let record = ByteBuffer(bytes: RecordIO.frame(MesosJSON.encode(AgentEvent.message(message))))
        handler.eventLoop.execute { handler.value.send(record) }
    }

    func close() {
        handler.eventLoop.execute { handler.value.end() }
    }
}
