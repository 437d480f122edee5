import CorralAgent
import CorralCluster
import CorralModel
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Whole clusters for integration tests: a master and agents in this process, in a fresh work
/// directory, with quick allocation.
public enum TestCluster {
    /// Starts an embedded cluster in a fresh work directory, runs `body`, shuts it down. On a
    /// `ManualClock`, the master's and agents' timers wait for the test to move it.
    public static func run<T: Sendable>(
        agents: Int = 1, resources: String = "cpus:4;mem:2048", isolation: IsolationRequest = .auto,
        statusRetryInterval: Duration = .seconds(10), usageInterval: Duration = .seconds(1), clock: any ClusterClock = SystemClock(),
        _ body: @Sendable (EmbeddedCluster) async throws -> T
    ) async throws -> T {
        var configuration = EmbeddedCluster.Configuration(workDirectory: "/tmp/corral-tests/\(UInt64.random(in: 0...UInt64.max))")
        configuration.agentCount = agents
        configuration.agentResources = try Resources(parsing: resources)
        configuration.isolation = isolation
        configuration.statusRetryInterval = statusRetryInterval
        configuration.usageInterval = usageInterval
        configuration.master.allocationInterval = .milliseconds(200)
        // The work directory goes with the cluster: thousands were left in /tmp/corral-tests.
        defer { try? FileManager.default.removeItem(atPath: configuration.workDirectory) }
        let cluster = try EmbeddedCluster(configuration: configuration, clock: clock, logger: .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await cluster.running(body)
    }
}
