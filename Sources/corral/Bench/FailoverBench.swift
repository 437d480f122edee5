import ArgumentParser
import AsyncHTTPClient
import CorralMaster
import CorralMasterHTTP
import CorralMesosJSON
import CorralModel
import CorralRegistry
import Foundation
import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// Master failover: from the start of a master whose registry holds `agents` agents until all of
/// them have re-registered with their `tasks` tasks and GET_STATE answers, over HTTP on
/// loopback. The agents are simulated over the real agent protocol: each opens a connection,
/// sends its REGISTER (with its framework and its tasks) and waits for REGISTERED on the stream,
/// as `corral agent` does after a master restart. Mesos 1.5 takes about 4.5 s for this.
struct FailoverBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failover",
        abstract: "Time a master's restart: registry recovery, every agent re-registering with its tasks, then GET_STATE."
    )

    @Option(help: "Agents in the registry, all coming back.")
    var agents = 10_000

    @Option(help: "Tasks, spread evenly over the agents.")
    var tasks = 100_000

    @Option(help: "Agents registering at once (a real cluster's agents do not all knock in the same microsecond).")
    var concurrency = 500

    @Option(name: .customLong("work-dir"), help: "Where the registry is written.")
    var workDirectory = "/tmp/corral-bench-failover"

    @Flag(inversion: .prefixedNo, help: "Also time decoding, registering in process and GET_STATE's parts apart (off for a profile of the failover alone).")
    var breakdown = true

    struct Result: Encodable {
        var benchmark = "failover"
        var agents: Int
        var tasks: Int
        /// Opening the registry and starting the master and its HTTP server.
        var recoverMilliseconds: Double
        /// Until the last agent had REGISTERED.
        var reregisterMilliseconds: Double
        var getStateMilliseconds: Double
        var getStateBytes: Int
        var totalMilliseconds: Double
        var tasksInGetState: Int
        /// Where the time goes, measured apart in this process on one thread: decoding every
        /// REGISTER body, then the snapshot and the JSON of GET_STATE.
        var breakdown: Breakdown
        var targetMilliseconds = 1000.0
        var mesosPublishedMilliseconds = 4500.0
    }

    /// The parts timed apart are nil with `--no-breakdown`.
    struct Breakdown: Encodable {
        /// CPU time (user + system) while the agents re-registered: the master's process, and
        /// the simulated agents' (on the same cores here; on their own machines in a cluster).
        var masterCPUMilliseconds = 0.0
        var agentsCPUMilliseconds = 0.0
        var decodeRegistrationsMilliseconds: Double?
        /// Handing every decoded REGISTER to a master, in this process, with no HTTP: the
        /// master's own work (its core and its actor) for a failover.
        var registerInMasterMilliseconds: Double?
        var snapshotMilliseconds: Double?
        var encodeGetStateMilliseconds: Double?
    }

    func validate() throws {
        guard agents > 0, tasks >= 0, concurrency > 0 else { throw ValidationError("--agents and --concurrency must be positive and --tasks 0 or more") }
    }

    func run() async throws {
        try? FileManager.default.removeItem(atPath: workDirectory)
        let infos = Self.agentInfos(agents)
        printError("bench failover: writing a registry of \(agents) agents…")
        try SQLiteRegistry(workDirectory: workDirectory).apply(infos.map { .admit($0, at: Time(seconds: 1)) })
        // The agents run in a process of their own: 10,000 connections on each side would not
        // fit in one process's descriptors, and they are not the master's work to measure.
        printError("bench failover: starting \(agents) simulated agents with \(tasks) tasks…")
        var parts = Breakdown()
        if breakdown {
            let decoded: [AgentCallMessage]
            (parts.decodeRegistrationsMilliseconds, decoded) = try Self.timeDecoding(Self.registrationBodies(infos, tasks: tasks))
            parts.registerInMasterMilliseconds = try await Self.timeRegistering(decoded, admitted: infos)
        }
        let simulated = try SimulatedAgents(agents: agents, tasks: tasks, concurrency: concurrency)
        try simulated.waitUntil("ready")

        let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let start = monotonicNanoseconds()
        let master = try Master(configuration: Self.masterConfiguration, seed: 1, registry: SQLiteRegistry(workDirectory: workDirectory), logger: logger)
        var server = MasterHTTPServer.Configuration()
        server.port = 0
        let http = MasterHTTPServer(master: master, configuration: server, logger: logger)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await http.run { portSink.yield($0) } }
            var portIterator = ports.makeAsyncIterator()
            guard let port = await portIterator.next() else { return }
            let recovered = monotonicNanoseconds()

            let (masterCPU, agentsCPU) = (Self.cpuMilliseconds(ofProcess: getpid()), Self.cpuMilliseconds(ofProcess: simulated.processIdentifier))
            try simulated.register(port: port)
            try await simulated.waitUntilRegistered()
            let reregistered = monotonicNanoseconds()
            let masterCPUUsed = Self.cpuMilliseconds(ofProcess: getpid()) - masterCPU
            let agentsCPUUsed = Self.cpuMilliseconds(ofProcess: simulated.processIdentifier) - agentsCPU

            let body = try await Self.getState(port: port)
            let done = monotonicNanoseconds()

            simulated.stop()
            if breakdown { (parts.snapshotMilliseconds, parts.encodeGetStateMilliseconds) = await Self.timeGetState(master) }
            (parts.masterCPUMilliseconds, parts.agentsCPUMilliseconds) = (masterCPUUsed, agentsCPUUsed)
            let counted = try Self.tasks(inGetState: body)
            guard counted == tasks else { throw ValidationError("GET_STATE lists \(counted) tasks, expected \(tasks)") }
            func milliseconds(_ from: UInt64, _ to: UInt64) -> Double { Double(to - from) / 1e6 }
            try printJSON(Result(
                agents: agents, tasks: tasks, recoverMilliseconds: milliseconds(start, recovered),
                reregisterMilliseconds: milliseconds(recovered, reregistered), getStateMilliseconds: milliseconds(reregistered, done),
                getStateBytes: body.readableBytes, totalMilliseconds: milliseconds(start, done), tasksInGetState: counted,
                breakdown: parts))
            await master.shutdown()
            group.cancelAll()
        }
        try? FileManager.default.removeItem(atPath: workDirectory)
    }

    /// The master's GET_STATE answer, whole.
    static func getState(port: Int) async throws -> ByteBuffer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"type":"GET_STATE"}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 1 << 31)
        guard response.status == .ok else { throw ValidationError("GET_STATE answered \(response.status.code)") }
        return body
    }

    static func agentInfos(_ count: Int) -> [AgentInfo] {
        (0..<count).map { index in
            AgentInfo(id: AgentID("bench-S\(index)"), hostname: "node-\(index)", port: 5051, resources: Resources([.scalar("cpus", 64), .scalar("mem", 65536)]))
        }
    }

    /// Each agent's REGISTER as the bytes of an HTTP/1.1 request: its ID, its framework and its
    /// share of the tasks, as a restarted master hears them.
    static func registrations(_ infos: [AgentInfo], tasks: Int) -> [[UInt8]] {
        registrationBodies(infos, tasks: tasks).map { body in
            Array("POST /corral/v1/agent/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        }
    }

    /// Each agent's REGISTER call as JSON.
    static func registrationBodies(_ infos: [AgentInfo], tasks: Int) -> [[UInt8]] {
        let framework = FrameworkInfo(name: "bench", id: "bench-framework", failoverTimeout: 7 * 24 * 3600)
        let resources = Resources([.scalar("cpus", 0.1), .scalar("mem", 32)])
        var next = 0
        return infos.enumerated().map { index, info in
            let count = tasks / infos.count + (index < tasks % infos.count ? 1 : 0)
            let reports = (0..<count).map { _ -> RunningTaskReport in
                defer { next += 1 }
                let id = TaskID("task-\(next)")
                return RunningTaskReport(
                    frameworkID: "bench-framework", task: TaskInfo(name: "task", taskID: id, agentID: info.id ?? "", resources: resources, command: .shell("sleep 600")),
                    state: .running)
            }
            return MesosJSON.encode(AgentCallMessage(agentID: info.id, call: .register(info, isolation: "simulated", inventory: AgentInventory(frameworks: [framework], tasks: reports))))
        }
    }

    /// `corral master`'s defaults: a one-second allocation interval, a 60 s offer timeout, 30 s
    /// of silence before an agent is unreachable, and ten minutes to come back. (An earlier
    /// version turned the timeouts off, and so hid a walk over every agent per registration.)
    static var masterConfiguration: MasterConfiguration {
        var configuration = MasterConfiguration()
        configuration.agentTimeout = .seconds(30)
        configuration.agentReregisterTimeout = .seconds(600)
        return configuration
    }

    /// Decoding every REGISTER body, one after the other.
    static func timeDecoding(_ bodies: [[UInt8]]) throws -> (milliseconds: Double, messages: [AgentCallMessage]) {
        let start = monotonicNanoseconds()
        let messages = try bodies.map { try MesosJSON.decode(AgentCallMessage.self, from: $0) }
        return (Double(monotonicNanoseconds() - start) / 1e6, messages)
    }

    /// Registering every decoded REGISTER with a master whose registry admitted them, one
    /// after the other, with no HTTP.
    static func timeRegistering(_ messages: [AgentCallMessage], admitted: [AgentInfo]) async throws -> Double {
        let registry = InMemoryRegistry(clusterID: "bench")
        registry.apply(admitted.map { .admit($0, at: Time(seconds: 1)) })
        let master = try Master(
            configuration: masterConfiguration, seed: 1, registry: registry, logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let start = monotonicNanoseconds()
        for message in messages {
            guard case .register(let info, let isolation, let inventory) = message.call else { continue }
            _ = try await master.registerAgent(info, isolation: isolation, inventory: inventory, link: StateBench.SilentAgent())
        }
        let milliseconds = Double(monotonicNanoseconds() - start) / 1e6
        await master.shutdown()
        return milliseconds
    }

    /// The master's snapshot, then GET_STATE's JSON of it.
    static func timeGetState(_ master: Master) async -> (snapshot: Double, encode: Double) {
        let start = monotonicNanoseconds()
        let snapshot = await master.snapshot(ordered: false)
        let encodeStart = monotonicNanoseconds()
        _ = OperatorJSON.response(to: .getState, snapshot: snapshot, master: MasterDescription(masterInfo: snapshot.masterInfo))
        let end = monotonicNanoseconds()
        return (Double(encodeStart - start) / 1e6, Double(end - encodeStart) / 1e6)
    }

    /// The task count of a GET_STATE answer.
    static func tasks(inGetState body: ByteBuffer) throws -> Int {
        let object = try MesosJSON.parse(body.readableBytesView).object()
        return try object.required("get_state") { state throws(MesosJSONError) in
            try state.nested("get_tasks") { tasks throws(MesosJSONError) in try tasks.repeated("tasks", of: MesosJSONValue.self).count } ?? 0
        }
    }

    /// A process's CPU time so far, user and system, from `/proc/PID/stat` (in clock ticks).
    static func cpuMilliseconds(ofProcess pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ", options: .backwards) else { return 0 }
        // Fields after the name start at field 3 (state); utime and stime are fields 14 and 15.
        let fields = stat[afterName.upperBound...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) * 1000 / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Raises the soft limit of open files as far as the hard one allows.
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = limit.rlim_max
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
