import AsyncHTTPClient
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// An agent's link to a master over HTTP (Corral's agent protocol). The registration's stream
/// carries the master's messages; a silent stream (no heartbeat for three intervals) counts as
/// lost, so the agent notices a cut network even when no connection error comes.
public struct HTTPMasterLink: MasterLink {
    public let master: MasterAddress
    let client: HTTPClient
    let logger: Logger
    /// How often the agent says it is alive.
    public var pingInterval: Double = 5
    /// Presented as HTTP Basic on every call, to a master that authenticates agents.
    public var credential: Credential?

    public init(master: MasterAddress, credential: Credential? = nil, client: HTTPClient = .shared, logger: Logger) {
        self.master = master
        self.credential = credential
        self.client = client
        self.logger = logger
    }

    public func register(_ info: AgentInfo, isolation: String, inventory: AgentInventory, link: any AgentLink) async throws -> AgentRegistration {
        let message = AgentCallMessage(agentID: info.id, call: .register(info, isolation: isolation, inventory: inventory))
        // The deadline bounds the wait for the answer's head, so that a master that is down
        // shows as an error for the agent's own backoff; the stream itself runs on.
        let response = try await client.execute(request(message), deadline: .now() + .seconds(10), logger: logger)
        guard response.status == .ok else {
            let text = (try? await response.body.collect(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
            // 403: the master will not have this agent (it was marked gone).
            if response.status == .forbidden { throw AgentRefused(reason: text.trimmingCharacters(in: .whitespacesAndNewlines)) }
            throw HTTPLinkError.refused(status: Int(response.status.code), message: text)
        }
        let events = EventReader<AgentEvent>(body: response.body)
        guard case .registered(let agentID, let heartbeat) = try await events.next() else {
            throw HTTPLinkError.protocolViolation("the master's first event was not REGISTERED")
        }
        let pingInterval = self.pingInterval
        return AgentRegistration(agentID: agentID) {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Master → agent, until the stream ends or falls silent.
                    while let event = try? await events.next(timeout: heartbeat * 3) {
                        if case .message(let message) = event { link.send(message) }
                    }
                }
                group.addTask {
                    while (try? await Task.sleep(for: .seconds(pingInterval))) != nil {
                        await send(AgentCallMessage(agentID: agentID, call: .ping))
                    }
                }
                await group.next()
                group.cancelAll()
            }
        }
    }

    public func statusUpdate(_ update: StatusUpdate, from agentID: AgentID) async {
        await send(AgentCallMessage(agentID: agentID, call: .update(update)))
    }

    public func usage(_ usage: AgentUsage) async {
        await send(AgentCallMessage(agentID: usage.agentID, call: .usage(usage)))
    }

    public func draining(_ agentID: AgentID) async {
        await send(AgentCallMessage(agentID: agentID, call: .draining))
    }

    public func unregister(_ agentID: AgentID, reason: String) async {
        await send(AgentCallMessage(agentID: agentID, call: .unregister(reason: reason)))
    }

    /// Fire and forget: a lost update is sent again by the agent's status update manager.
    private func send(_ message: AgentCallMessage) async {
        do {
            let response = try await client.execute(request(message), timeout: .seconds(10), logger: logger)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if response.status != .accepted {
                logger.warning("master refused an agent call", metadata: ["call": "\(message.call.typeName)", "status": "\(response.status.code)"])
            }
        } catch {
            logger.debug("agent call failed", metadata: ["call": "\(message.call.typeName)", "error": "\(error)"])
        }
    }

    private func request(_ message: AgentCallMessage) -> HTTPClientRequest {
        // REGISTER has a path of its own: its connection becomes the agent's stream, and a
        // master answers such connections apart from its other requests.
        let path = if case .register = message.call { "/corral/v1/agent/register" } else { "/corral/v1/agent" }
        var request = HTTPClientRequest(url: master.url(path))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let credential { request.headers.add(name: "Authorization", value: credential.basicAuthorization) }
        request.body = .bytes(ByteBuffer(bytes: MesosJSON.encode(message)))
        return request
    }
}
