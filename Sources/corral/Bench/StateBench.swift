import ArgumentParser
import AsyncHTTPClient
import CorralMaster
import CorralMasterHTTP
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import Logging
import NIOCore

/// The latency and size of GET_STATE and /master/state for a large simulated cluster, over
/// HTTP on loopback: agents that run nothing (their links drop every message), one framework
/// whose tasks stay STAGING.
struct StateBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Time GET_STATE and /master/state over HTTP for a large simulated cluster."
    )

    @Option(help: "Simulated agents.")
    var agents = 10_000

    @Option(help: "Tasks, spread evenly over the agents.")
    var tasks = 100_000

    @Option(help: "Requests of each kind to time.")
    var rounds = 5

    /// What it measured, printed in a `BenchReport`.
    struct Figures: Encodable {
        var getStateMilliseconds: LaunchBench.Percentiles
        var getStateBytes: Int
        var masterStateMilliseconds: LaunchBench.Percentiles
        var masterStateBytes: Int
        var mesosPublishedSecondsAt40kAgents = 3.0
        var targetMilliseconds = 300.0
    }

    /// An agent that exists only on paper.
    struct SilentAgent: AgentLink {
        func send(_ message: AgentMessage) {}
    }

    func run() async throws {
        guard agents > 0, tasks >= 0, rounds > 0 else { throw ValidationError("--agents and --rounds must be positive") }
        var configuration = MasterConfiguration()
        configuration.offerTimeout = nil
        configuration.allocationInterval = .seconds(3600)
        configuration.completedTasksToKeep = 0
        let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let master = try Master(configuration: configuration, seed: 1, logger: logger)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await master.run() }
            // The framework stays subscribed while the master is timed: when its stream ended,
            // the master removed it with its tasks, and the figures were of a cluster without
            // tasks (6.7 MB of GET_STATE where 100,000 tasks take 48).
            let subscription = try await populate(master)
            let snapshotStart = monotonicNanoseconds()
            let snapshot = await master.snapshot(ordered: false)
            let snapshotMilliseconds = Double(monotonicNanoseconds() - snapshotStart) / 1e6
            try checkTasks(snapshot)
            let encodeStart = monotonicNanoseconds()
            _ = OperatorJSON.response(to: .getState, snapshot: snapshot, master: MasterDescription(masterInfo: snapshot.masterInfo))
            printError("bench state: snapshot \(snapshotMilliseconds) ms, GET_STATE encoding \(Double(monotonicNanoseconds() - encodeStart) / 1e6) ms")
            var server = MasterHTTPServer.Configuration()
            server.port = 0
            let http = MasterHTTPServer(master: master, configuration: server, logger: logger)
            let (ports, sink) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await http.run { sink.yield($0) } }
            var portIterator = ports.makeAsyncIterator()
            guard let port = await portIterator.next() else { return }
            printError("bench state: timing on port \(port)…")
            let figures = try await timeRequests(port: port)
            try checkTasks(await master.snapshot(ordered: false))
            withExtendedLifetime(subscription) {}
            try BenchReport(benchmark: "state", agents: agents, tasks: tasks, figures: figures).print()
            await master.shutdown()
            group.cancelAll()
        }
    }

    /// The figures are of `tasks` tasks, or of nothing.
    private func checkTasks(_ snapshot: ClusterSnapshot) throws {
        guard snapshot.tasks.count == tasks else {
            throw ValidationError("the master holds \(snapshot.tasks.count) of the \(tasks) tasks launched: the figures would not be of them")
        }
    }

    /// Registers the agents and launches the tasks, spread evenly, through one framework, whose
    /// events it returns: the framework stays while they are held.
    private func populate(_ master: Master) async throws -> AsyncStream<SchedulerEvent>.Iterator {
        let perAgent = (tasks + agents - 1) / agents
        let agentResources = Resources([.scalar("cpus", Double(perAgent)), .scalar("mem", Double(perAgent) * 64), .ranges("ports", [31000...32000])])
        let taskResources = Resources([.scalar("cpus", 1), .scalar("mem", 64)])
        printError("bench state: registering \(agents) agents…")
        for index in 0..<agents {
            _ = try await master.registerAgent(AgentInfo(hostname: "node-\(index)", port: 5051, resources: agentResources), isolation: "simulated", link: SilentAgent())
        }
        printError("bench state: launching \(tasks) tasks…")
        var events = await master.subscribe(FrameworkInfo(name: "bench")).makeAsyncIterator()
        guard case .subscribed(let frameworkID, _, _)? = await events.next() else { throw ValidationError("no SUBSCRIBED") }
        var launched = 0
        while launched < tasks, let event = await events.next() {
            guard case .offers(let offers) = event else { continue }
            for offer in offers where launched < tasks {
                let count = min(perAgent, tasks - launched)
                let infos = (0..<count).map { number in
                    TaskInfo(name: "task", taskID: TaskID("task-\(launched + number)"), agentID: offer.agentID, resources: taskResources, command: .shell("sleep 600"))
                }
                launched += count
                try await master.call(.accept(offerIDs: [offer.id], operations: [.launch(infos)], filters: Filters(refuseSeconds: 3600)), from: frameworkID)
            }
        }
        return events
    }

    /// GET_STATE and /master/state from the master on `port`, `rounds` times each.
    private func timeRequests(port: Int) async throws -> Figures {
        let address = MasterAddress(host: "127.0.0.1", port: port)
        var getState = HTTPClientRequest(url: address.url("/api/v1"))
        getState.method = .POST
        getState.headers.add(name: "Content-Type", value: "application/json")
        getState.body = .bytes(ByteBuffer(string: #"{"type":"GET_STATE"}"#))
        let legacy = HTTPClientRequest(url: address.url("/master/state"))
        let (stateTimes, stateBytes) = try await Self.time(getState, rounds: rounds)
        let (legacyTimes, legacyBytes) = try await Self.time(legacy, rounds: rounds)
        return Figures(
            getStateMilliseconds: LaunchBench.Percentiles(stateTimes), getStateBytes: stateBytes,
            masterStateMilliseconds: LaunchBench.Percentiles(legacyTimes), masterStateBytes: legacyBytes)
    }

    /// Milliseconds from sending the request to the last byte of the answer, per round.
    static func time(_ request: HTTPClientRequest, rounds: Int) async throws -> ([Double], Int) {
        var samples: [Double] = []
        var size = 0
        for _ in 0..<rounds {
            let start = monotonicNanoseconds()
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
            var bytes = 0
            for try await chunk in response.body { bytes += chunk.readableBytes }
            samples.append(Double(monotonicNanoseconds() - start) / 1e6)
            size = bytes
            guard response.status == .ok else { throw ValidationError("\(request.url) answered \(response.status.code)") }
        }
        return (samples, size)
    }
}
