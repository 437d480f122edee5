import AsyncHTTPClient
import CorralAgentHTTP
import CorralHTTPServer
import CorralHTTPTesting
import CorralModel
import CorralOperatorClient
import CorralSDK
import CorralSDKHTTP
import Foundation
import Glibc
import Logging
import NIOCore
import Testing

/// A master on HTTPS: clients that trust its CA (`--ca-file`) get through, others are refused
/// at the handshake and say so, and plain HTTP gets nowhere.
@Suite struct TLSTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tls").path

    static var transport: ServerTransport {
        var transport = ServerTransport()
        transport.tls = (fixtures + "/server.pem", fixtures + "/server.key")
        return transport
    }

    @Test func aMasterOnTLSServesClientsThatTrustItsCAOnly() async throws {
        try await HTTPTestCluster.run(agents: 1, transport: Self.transport) { _, master in
            #expect(master.url("/health").hasPrefix("https://"))
            let trusting = try HTTPClients.client(caFile: Self.fixtures + "/ca.pem")
            let state = try await OperatorClient(master: master, client: trusting).snapshot(now: Time(seconds: 0))
            #expect(state.agents.count == 1)

            // A framework over TLS subscribes; one that does not trust the CA is refused for good.
            let events = try await HTTPSchedulerTransport(master: master, client: trusting).subscribe(FrameworkInfo(name: "tls"), suppressedRoles: [])
            var iterator = events.makeAsyncIterator()
            guard case .subscribed = try await iterator.next() else { Issue.record("no SUBSCRIBED over TLS"); return }
            await #expect(throws: SchedulerDriverError.self) {
                _ = try await HTTPSchedulerTransport(master: master).subscribe(FrameworkInfo(name: "untrusting"), suppressedRoles: [])
            }

            // An agent registers over TLS on a connection of its own: the connections the
            // master answers on the event loop are behind the same TLS.
            let link = HTTPMasterLink(master: master, client: try HTTPClients.client(caFile: Self.fixtures + "/ca.pem"), logger: Logger(label: "test"))
            let agent = AgentInfo(id: "tls-agent", hostname: "tls-host", port: 5051, resources: Resources([.scalar("cpus", 1)]))
            let registration = try await link.register(agent, isolation: "posix", inventory: AgentInventory(), link: Unheard())
            #expect(registration.agentID == "tls-agent")
            #expect(try await OperatorClient(master: master, client: trusting).snapshot(now: Time(seconds: 0)).agents.count == 2)

            var plain = master
            plain.secure = false
            await #expect(throws: (any Error).self) {
                _ = try await HTTPClient.shared.execute(HTTPClientRequest(url: plain.url("/health")), timeout: .seconds(1))
            }
        }
    }

    @Test func missingOrBrokenFilesAreNamedAtStartUp() throws {
        var transport = ServerTransport()
        transport.tls = (Self.fixtures + "/nope.pem", Self.fixtures + "/server.key")
        #expect(throws: TLSFileError.self) { try transport.check() }
        #expect(throws: TLSFileError.self) { _ = try HTTPClients.client(caFile: Self.fixtures + "/README.md") }
    }
}

/// A client that opens a connection and says nothing is let go, rather than holding a slot.
@Suite struct IdleConnectionTests {
    @Test func aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() async throws {
        var transport = ServerTransport()
        transport.idleTimeout = .milliseconds(300)
        try await HTTPTestCluster.run(agents: 0, transport: transport) { _, master in
            let socket = try PlainSocket(port: master.port)
            // Wait (at most 10 s) for the server to close it: read returns 0 at end of stream.
            #expect(try await socket.closedByPeer(within: 10))
        }
    }
}

/// An agent's side of a link whose messages the test does not read.
private struct Unheard: AgentLink {
    func send(_ message: AgentMessage) {}
}
