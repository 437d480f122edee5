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
        var targetMilliseconds = 1000.0
        var mesosPublishedMilliseconds = 4500.0
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
        let simulated = try SimulatedAgents(agents: agents, tasks: tasks, concurrency: concurrency)
        try simulated.waitUntil("ready")

        var configuration = MasterConfiguration()
        configuration.offerTimeout = nil
        configuration.allocationInterval = .seconds(3600)
        configuration.agentReregisterTimeout = .seconds(600)
        configuration.completedTasksToKeep = 0
        let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })

        let start = monotonicNanoseconds()
        let master = try Master(configuration: configuration, seed: 1, registry: SQLiteRegistry(workDirectory: workDirectory), logger: logger)
        var server = MasterHTTPServer.Configuration()
        server.port = 0
        let http = MasterHTTPServer(master: master, configuration: server, logger: logger)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await http.run { portSink.yield($0) } }
            var portIterator = ports.makeAsyncIterator()
            guard let port = await portIterator.next() else { return }
            let recovered = monotonicNanoseconds()

            try simulated.register(port: port)
            try await simulated.waitUntilRegistered()
            let reregistered = monotonicNanoseconds()

            var getState = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1")
            getState.method = .POST
            getState.headers.add(name: "Content-Type", value: "application/json")
            getState.body = .bytes(ByteBuffer(string: #"{"type":"GET_STATE"}"#))
            let response = try await HTTPClient.shared.execute(getState, timeout: .seconds(120))
            let body = try await response.body.collect(upTo: 1 << 31)
            let done = monotonicNanoseconds()
            guard response.status == .ok else { throw ValidationError("GET_STATE answered \(response.status.code)") }

            simulated.stop()
            let counted = try Self.tasks(inGetState: body)
            guard counted == tasks else { throw ValidationError("GET_STATE lists \(counted) tasks, expected \(tasks)") }
            func milliseconds(_ from: UInt64, _ to: UInt64) -> Double { Double(to - from) / 1e6 }
            try printJSON(Result(
                agents: agents, tasks: tasks, recoverMilliseconds: milliseconds(start, recovered),
                reregisterMilliseconds: milliseconds(recovered, reregistered), getStateMilliseconds: milliseconds(reregistered, done),
                getStateBytes: body.readableBytes, totalMilliseconds: milliseconds(start, done), tasksInGetState: counted))
            await master.shutdown()
            group.cancelAll()
        }
        try? FileManager.default.removeItem(atPath: workDirectory)
    }

    static func agentInfos(_ count: Int) -> [AgentInfo] {
        (0..<count).map { index in
            AgentInfo(id: AgentID("bench-S\(index)"), hostname: "node-\(index)", port: 5051, resources: Resources([.scalar("cpus", 64), .scalar("mem", 65536)]))
        }
    }

    /// Each agent's REGISTER as the bytes of an HTTP/1.1 request: its ID, its framework and its
    /// share of the tasks, as a restarted master hears them.
    static func registrations(_ infos: [AgentInfo], tasks: Int) -> [ByteBuffer] {
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
            let body = MesosJSON.encode(AgentCallMessage(agentID: info.id, call: .register(info, isolation: "simulated", inventory: AgentInventory(frameworks: [framework], tasks: reports))))
            var request = ByteBuffer()
            request.writeString("POST /corral/v1/agent HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: \(body.count)\r\n\r\n")
            request.writeBytes(body)
            return request
        }
    }

    /// Connects every agent, `concurrency` at a time, and returns their open streams once each
    /// has heard REGISTERED.
    static func reregister(_ requests: [ByteBuffer], port: Int, concurrency: Int) async throws -> [any Channel] {
        try await withThrowingTaskGroup(of: (any Channel).self) { group in
            var channels: [any Channel] = []
            var pending = requests.makeIterator()
            func start(_ request: ByteBuffer) {
                group.addTask { try await SimulatedAgent.register(request, port: port) }
            }
            for _ in 0..<concurrency { if let request = pending.next() { start(request) } }
            while let channel = try await group.next() {
                channels.append(channel)
                if let request = pending.next() { start(request) }
            }
            return channels
        }
    }

    /// The task count of a GET_STATE answer.
    static func tasks(inGetState body: ByteBuffer) throws -> Int {
        let object = try MesosJSON.parse(body.readableBytesView).object()
        return try object.required("get_state") { state throws(MesosJSONError) in
            try state.nested("get_tasks") { tasks throws(MesosJSONError) in try tasks.repeated("tasks", of: MesosJSONValue.self).count } ?? 0
        }
    }

    /// Raises the soft limit of open files as far as the hard one allows.
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = limit.rlim_max
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}

/// `corral bench failover-agents`: the bench's agents, in a process of their own. It encodes the
/// registrations, says `ready`, reads the master's port from standard input, registers every
/// agent, says `registered`, and keeps the streams open until standard input closes.
struct FailoverAgentsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "failover-agents", abstract: "The simulated agents of `corral bench failover`.", shouldDisplay: false)

    @Option var agents: Int
    @Option var tasks: Int
    @Option var concurrency: Int

    func run() async throws {
        FailoverBench.raiseDescriptorLimit()
        let requests = FailoverBench.registrations(FailoverBench.agentInfos(agents), tasks: tasks)
        print("ready")
        fflushStandardOutput()
        guard let line = readLine(), let port = Int(line) else { throw ValidationError("expected the master's port on standard input") }
        let channels = try await FailoverBench.reregister(requests, port: port, concurrency: concurrency)
        print("registered \(channels.count)")
        fflushStandardOutput()
        while readLine() != nil {}
        for channel in channels { channel.close(promise: nil) }
    }
}

/// The parent's handle on `failover-agents`.
final class SimulatedAgents: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    init(agents: Int, tasks: Int, concurrency: Int) throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["bench", "failover-agents", "--agents", "\(agents)", "--tasks", "\(tasks)", "--concurrency", "\(concurrency)"]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    /// Blocks until the agents print `word` (they print nothing else before it).
    func waitUntil(_ word: String) throws {
        var line = ""
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            guard let character = byte.first else { throw ValidationError("the simulated agents stopped before saying '\(word)'") }
            if character == UInt8(ascii: "\n") {
                if line.hasPrefix(word) { return }
                line = ""
            } else {
                line.append(Character(Unicode.Scalar(character)))
            }
        }
    }

    func register(port: Int) throws {
        input.fileHandleForWriting.write(Data("\(port)\n".utf8))
    }

    func waitUntilRegistered() async throws {
        try await Task.detached { [self] in try self.waitUntil("registered") }.value
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// One simulated agent: sends its REGISTER and reads its stream until REGISTERED arrives.
final class SimulatedAgent: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let request: ByteBuffer
    private let registered: EventLoopPromise<Void>
    private var received = ByteBuffer()
    private var done = false

    init(request: ByteBuffer, registered: EventLoopPromise<Void>) {
        self.request = request
        self.registered = registered
    }

    static func register(_ request: ByteBuffer, port: Int) async throws -> any Channel {
        let group = MultiThreadedEventLoopGroup.singleton
        let loop = group.next()
        let registered = loop.makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(SimulatedAgent(request: request, registered: registered)) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await registered.futureResult.get()
        return channel
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(request), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !done else { return }
        var chunk = unwrapInboundIn(data)
        received.writeBuffer(&chunk)
        let text = String(buffer: received)
        if !text.hasPrefix("HTTP/1.1 200"), text.contains("\r\n\r\n") {
            done = true
            registered.fail(ValidationError("the master refused a registration: \(text.prefix(200))"))
        } else if text.contains(#""REGISTERED""#) {
            done = true
            received = ByteBuffer()
            registered.succeed(())
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !done {
            done = true
            registered.fail(error)
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !done {
            done = true
            registered.fail(ValidationError("the master closed a registration's connection"))
        }
    }
}
