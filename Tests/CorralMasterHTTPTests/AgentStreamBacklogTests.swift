import CorralHTTPServer
import CorralMaster
import CorralMesosJSON
import CorralModel
import CorralTesting
import HTTPTypes
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import CorralMasterHTTP

/// What the master says to an agent while it registers it waits for REGISTERED, but never
/// without bound: past the stream's backlog the connection ends (the agent registers again),
/// as every event stream's does.
@Suite(.timeLimit(.minutes(1))) struct AgentStreamBacklogTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A REGISTER whose agent reports `orphans` running tasks of a framework nobody knows: the
    /// master answers each with a KILL while it registers the agent.
    static func register(orphans: Int) -> ByteBuffer {
        let info = AgentInfo(id: "S1", hostname: "h", port: 5051, resources: Resources([.scalar("cpus", 64), .scalar("mem", 1024)]))
        let tasks = (0..<orphans).map { index in
            RunningTaskReport(
                frameworkID: "nobody", task: TaskInfo(name: "t", taskID: TaskID("t\(index)"), agentID: "S1", resources: Resources([.scalar("cpus", 0.1)]), command: .shell("true")),
                state: .running)
        }
        return ByteBuffer(bytes: MesosJSON.encode(AgentCallMessage(agentID: "S1", call: .register(info, isolation: "posix", inventory: AgentInventory(tasks: tasks)))))
    }

    static func channel(backlogLimit: Int) async throws -> NIOAsyncTestingChannel {
        let master = try Master(configuration: MasterConfiguration(), seed: 1, registry: InMemoryRegistry(clusterID: "backlog"), logger: quiet)
        let endpoint = AgentEndpoint(master: master, heartbeatInterval: 60, bodyLimit: 1 << 20, logger: quiet)
        let channel = NIOAsyncTestingChannel()
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(
                AgentStreamHandler(endpoint: endpoint, authenticator: .none, readTimeout: .seconds(60), backlogLimit: backlogLimit))
        }.get()
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 5050))
        return channel
    }

    static func send(_ body: ByteBuffer, to channel: NIOAsyncTestingChannel) async throws {
        let head = HTTPRequest(method: .post, scheme: "http", authority: "master", path: "/corral/v1/agent/register", headerFields: [.contentType: "application/json"])
        try await channel.writeInbound(HTTPRequestPart.head(head))
        try await channel.writeInbound(HTTPRequestPart.body(body))
        try await channel.writeInbound(HTTPRequestPart.end(nil))
    }

    @Test func killsWithinTheBacklogFollowRegistered() async throws {
        let channel = try await Self.channel(backlogLimit: 3)
        try await Self.send(Self.register(orphans: 3), to: channel)
        guard case .head(let head) = try await channel.waitForOutboundWrite(as: HTTPResponsePart.self) else { Issue.record("no head"); return }
        #expect(head.status == .ok)
        var records: [String] = []
        for _ in 0..<4 {
            guard case .body(let record) = try await channel.waitForOutboundWrite(as: HTTPResponsePart.self) else { break }
            records.append(String(buffer: record))
        }
        #expect(records.first?.contains("REGISTERED") == true, "\(records)")
        #expect(records.dropFirst().allSatisfy { $0.contains("KILL") } && records.count == 4, "\(records)")
        #expect(channel.isActive)
        _ = try await channel.finish(acceptAlreadyClosed: true)
    }

    @Test func oneMoreThanTheBacklogEndsTheConnectionBeforeRegistered() async throws {
        let channel = try await Self.channel(backlogLimit: 3)
        try await Self.send(Self.register(orphans: 4), to: channel)
        #expect(await eventually { !channel.isActive }, "the connection outlived its backlog")
        #expect(try await channel.readOutbound(as: HTTPResponsePart.self) == nil, "the agent was answered past its backlog")
    }
}
