import CorralCluster
import CorralHTTPServer
import CorralMasterHTTP
import CorralMetrics
import CorralModel
import CorralSDKHTTP
import CorralTesting
import Foundation
import Logging
import Synchronization
import Testing

/// An embedded cluster behind a real HTTP server on a free port.
enum HTTPTestCluster {
    static func run<T: Sendable>(
        agents: Int = 1, resources: String = "cpus:4;mem:2048", heartbeat: Double = 1, authenticator: HTTPAuthenticator = .none, acls: ACLs = .allowAll,
        transport: ServerTransport = ServerTransport(), _ body: @Sendable (EmbeddedCluster, MasterAddress) async throws -> T) async throws -> T {
        var configuration = EmbeddedCluster.Configuration(workDirectory: "/tmp/corral-tests/http-\(UInt64.random(in: 0...UInt64.max))")
        configuration.agentCount = agents
        configuration.agentResources = try Resources(parsing: resources)
        configuration.master.allocationInterval = .milliseconds(200)
        configuration.master.acls = acls
        // `/metrics` shows the master's instruments, as `corral master` wires them.
        let metrics = ServerMetrics()
        configuration.masterMetrics = metrics.factory
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        defer { try? FileManager.default.removeItem(atPath: configuration.workDirectory) }  // once the cluster has stopped
        let cluster = try EmbeddedCluster(configuration: configuration, logger: logger)
        var server = MasterHTTPServer.Configuration()
        server.port = 0
        server.heartbeatInterval = heartbeat
        server.bodyLimit = 1 << 20
        server.authenticator = authenticator
        server.transport = transport
        server.metrics = metrics
        let http = MasterHTTPServer(master: cluster.master, configuration: server, logger: logger)
        return try await cluster.running { cluster in
            try await withThrowingTaskGroup(of: T?.self) { group in
                let (ports, sink) = AsyncStream.makeStream(of: Int.self)
                group.addTask {
                    try await http.run { port in sink.yield(port) }
                    return nil
                }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())
                let result = try await body(cluster, MasterAddress(host: "127.0.0.1", port: port, secure: transport.isTLS))
                group.cancelAll()
                return result
            }
        }
    }
}
