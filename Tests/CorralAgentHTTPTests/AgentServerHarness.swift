import CorralAgentHTTP
import CorralHTTPTesting
import CorralModel
import CorralSDKHTTP
import Foundation
import Logging
import Testing

/// An agent's HTTP server on a free port over a scratch work directory, for the length of
/// `body`, which gets a raw client of it and the work directory.
enum AgentServerHarness {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func scratchDirectory(_ name: String) -> String {
        NSTemporaryDirectory() + "corral-\(name)-\(UInt64.random(in: 0...UInt64.max))"
    }

    static func run(
        _ server: AgentHTTPServer, _ body: @Sendable (RawHTTP, MasterAddress) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, sink) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await server.run { sink.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let address = MasterAddress(host: "127.0.0.1", port: port)
            try await body(RawHTTP(master: address), address)
            group.cancelAll()
        }
    }
}

extension RawHTTP.Answer {
    /// The body as a JSON object or array, as Foundation reads it.
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(body.utf8)) }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}
