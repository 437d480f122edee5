import CorralModel
import CorralOperatorClient
import CorralSDKHTTP
import Foundation
import Hummingbird
import Testing

/// Addresses of masters and agents as URLs: an IPv6 literal goes in brackets, or the URL names
/// no host. Agents register with their own hostname, and `::1` is one they may give.
@Suite struct MasterAddressTests {
    @Test func anIPv6LiteralIsBracketedInURLsAndDescriptions() throws {
        let agent = MasterAddress(host: "::1", port: 5051)
        #expect(agent.url("/files/read") == "http://[::1]:5051/files/read")
        #expect(agent.description == "[::1]:5051")
        #expect(MasterAddress(host: "fe80::1", port: 5050, secure: true).description == "https://[fe80::1]:5050")
        #expect(MasterAddress(host: "10.0.0.1", port: 5050).url("/health") == "http://10.0.0.1:5050/health")
        #expect(MasterAddress(host: "[::1]", port: 5050).url("/") == "http://[::1]:5050/")
    }

    @Test func aBracketedIPv6MasterIsParsedToItsBareHost() throws {
        let parsed = try MasterAddress(parsing: "https://[::1]:5050/")
        #expect(parsed == MasterAddress(host: "::1", port: 5050, secure: true))
        #expect(try MasterAddress(parsing: parsed.description) == parsed)
        #expect(try MasterAddress(parsing: "master.example:5050").host == "master.example")
        for text in ["[::1:5050", "::1]:5050", "[]:5050", "[::1]"] {
            #expect(throws: MasterAddressError.self, "\(text)") { try MasterAddress(parsing: text) }
        }
    }

    @Test(.enabled(if: Self.hasIPv6Loopback, "no IPv6 loopback here"), .timeLimit(.minutes(1)))
    func aSandboxIsReadFromAnAgentThatRegisteredWithAnIPv6Address() async throws {
        let read: @Sendable (Request) -> Response = { request in
            let json = request.uri.queryParameters["offset"] == "-1" ? #"{"data":"","offset":3}"# : #"{"data":"v6\n","offset":0}"#
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
        }
        try await TestServers.withPlayedAgent(host: "::1", read: read) { cluster in
            let reader = RemoteSandboxReader(master: cluster.master, client: TestServers.failFast)
            let chunk = try await reader.fetch(TaskKey("F1", "T"), on: "S1", stderr: false, from: 0).get()
            #expect(chunk.bytes == Array("v6\n".utf8))
        }
    }

    static var hasIPv6Loopback: Bool {
        let socket = Foundation.socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_loopback
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0 }
        }
    }
}
