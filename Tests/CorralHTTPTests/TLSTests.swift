import AsyncHTTPClient
import CorralHTTP
import CorralModel
import CorralSDK
import Foundation
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
