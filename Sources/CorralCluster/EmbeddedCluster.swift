import CoreMetrics
import CorralAgent
import CorralMaster
import CorralModel
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A master and its agents in this process: what `corral`, `corral console` and
/// `corral execute` run, and what integration tests start.
public final class EmbeddedCluster: Sendable {
    public struct Configuration: Sendable {
        public var agentCount = 1
        /// Per agent; nil detects the host's resources and divides them between the agents.
        public var agentResources: Resources?
        /// Each agent's own resources (a guided tour's cluster); overrides the two above.
        public var resourcesOfEachAgent: [Resources]?
        public var isolation: IsolationRequest = .auto
        public var workDirectory: String
        public var master = MasterConfiguration()
        public var seed: UInt64 = UInt64.random(in: 0...UInt64.max)
        public var statusRetryInterval: Duration = .seconds(10)
        public var usageInterval: Duration = .seconds(1)
        /// Where the master keeps its registry; nil keeps it in memory for the process's life.
        public var registry: (any MasterRegistry)?
        /// Where the master's instruments record (its allocation passes' times); by default nowhere.
        public var masterMetrics: any MetricsFactory = NOOPMetricsHandler.instance

        public init(workDirectory: String) { self.workDirectory = workDirectory }
    }

    public let master: Master
    public let agents: [Agent]
    public let configuration: Configuration

    public init(configuration: Configuration, clock: any ClusterClock = SystemClock(), logger: Logger) throws {
        self.configuration = configuration
        master = try Master(configuration: configuration.master, clock: clock, seed: configuration.seed, registry: configuration.registry, metrics: configuration.masterMetrics, logger: logger)
        let perAgent: [Resources]
        if let each = configuration.resourcesOfEachAgent {
            perAgent = each
        } else if configuration.agentCount == 0 {
            perAgent = []
        } else if let resources = configuration.agentResources {
            perAgent = Array(repeating: resources, count: configuration.agentCount)
        } else {
            try Self.makeDirectory(configuration.workDirectory)
            perAgent = HostResources.split(HostResources.detect(workDirectory: configuration.workDirectory), into: configuration.agentCount)
        }
        // Agents of an embedded cluster that died without cleaning up left their tasks running
        // under their supervisors: those go first.
        if !perAgent.isEmpty { Agent.sweepAbandonedCheckpoints(in: configuration.workDirectory + "/meta", logger: logger) }
        agents = try perAgent.enumerated().map { index, resources in
            let name = Self.uniqueAgentName(index)
            var agent = AgentConfiguration(
                name: name, hostname: configuration.master.hostname, port: 5051 + index,
                resources: resources, workDirectory: configuration.workDirectory,
                checkpointDirectory: configuration.workDirectory + "/meta/" + name, isolation: configuration.isolation)
            agent.statusRetryInterval = configuration.statusRetryInterval
            agent.usageInterval = configuration.usageInterval
            return try Agent(configuration: agent, clock: clock, logger: logger)
        }
    }

    /// The isolation the agents use (they all choose alike on one host) and why.
    public var isolation: String { agents.first?.isolation ?? "none" }
    public var isolationReason: String { agents.first?.isolationReason ?? "" }

    /// The SDK transport for frameworks of this cluster.
    public var transport: InProcessTransport { InProcessTransport(master: master) }

    /// Runs the master and the agents until cancelled. On the way out every agent kills its
    /// tasks and removes its containers.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.master.run() }
            for agent in agents {
                group.addTask { [master] in
                    do {
                        try await agent.run(master: InProcessMasterLink(master: master))
                    } catch {
                        // Registration with an in-process master does not fail.
                    }
                }
            }
        }
        await master.shutdown()
    }

    /// Waits until every agent has registered (or the task is cancelled): woken by the master's
    /// own events, not by polling its whole snapshot.
    public func waitUntilReady() async {
        let events = await master.events()  // first, so no registration falls between
        var registered = Set(await master.snapshot(ordered: false).agents.map(\.id))
        guard registered.count < agents.count else { return }
        for await event in events {
            guard case .agentAdded(let agent) = event else { continue }
            registered.insert(agent.id)
            if registered.count >= agents.count { return }
        }
    }

    /// Starts the cluster, runs `body` once every agent is registered, then shuts the cluster
    /// down (killing every task) before returning what `body` returned.
    public func running<T: Sendable>(_ body: @Sendable (EmbeddedCluster) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.run() }
            defer { group.cancelAll() }  // leaving the group then waits for the shutdown
            await waitUntilReady()
            return try await body(self)
        }
    }

    /// Where a task's sandbox is, if an agent of this cluster knows the task.
    public func sandbox(of key: TaskKey, on agentID: AgentID) async -> Sandbox? {
        for agent in agents where await agent.agentID == agentID { return await agent.sandbox(of: key) }
        return nil
    }

    // MARK: Helpers

    /// `mkdir -p`: creates the directory and its parents.
    public static func makeDirectory(_ path: String) throws {
        var current = ""
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw ClusterError.cannotCreateDirectory(path: current, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Agent names name cgroups, which outlive a process that crashes: the pid keeps two
    /// clusters on one host (or in one test run) apart.
    private static func uniqueAgentName(_ index: Int) -> String {
        "\(getpid())-\(AgentNames.next())-agent\(index)"
    }
}

public enum ClusterError: Error, CustomStringConvertible {
    case cannotCreateDirectory(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason): "cannot create directory \(path): \(reason)"
        }
    }
}

import Synchronization

/// A process-wide counter so that agents of several clusters in one process get distinct names.
enum AgentNames {
    private static let counter = Atomic<Int>(0)
    static func next() -> Int { counter.add(1, ordering: .relaxed).newValue }
}
