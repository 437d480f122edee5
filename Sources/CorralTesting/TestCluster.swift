import CorralAgent
import CorralCluster
import CorralModel
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Whole clusters for integration tests: a master and agents in this process, in a fresh work
/// directory, with quick allocation.
public enum TestCluster {
    /// Starts an embedded cluster in a fresh work directory, runs `body`, shuts it down.
    public static func run<T: Sendable>(
        agents: Int = 1, resources: String = "cpus:4;mem:2048", isolation: IsolationRequest = .auto,
        statusRetryInterval: Double = 10, usageInterval: Double = 1,
        _ body: @Sendable (EmbeddedCluster) async throws -> T
    ) async throws -> T {
        var configuration = EmbeddedCluster.Configuration(workDirectory: "/tmp/corral-tests/\(UInt64.random(in: 0...UInt64.max))")
        configuration.agentCount = agents
        configuration.agentResources = try Resources(parsing: resources)
        configuration.isolation = isolation
        configuration.statusRetryInterval = statusRetryInterval
        configuration.usageInterval = usageInterval
        configuration.master.allocationInterval = 0.2
        let cluster = try EmbeddedCluster(configuration: configuration, logger: .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await cluster.running(body)
    }
}

/// Processes whose command line contains `marker`: what a test checks is gone.
public func processes(containing marker: String) -> [pid_t] {
    guard let directory = opendir("/proc") else { return [] }
    defer { closedir(directory) }
    var found: [pid_t] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard let pid = pid_t(name), pid != getpid() else { continue }
        guard let file = fopen("/proc/\(pid)/cmdline", "r") else { continue }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = fread(&bytes, 1, bytes.count, file)
        fclose(file)
        let commandLine = String(decoding: bytes[..<count].map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
        if commandLine.contains(marker) { found.append(pid) }
    }
    return found
}
