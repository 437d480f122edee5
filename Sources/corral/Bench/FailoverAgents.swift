import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

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

    var processIdentifier: Int32 { process.processIdentifier }

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

/// Every simulated agent's registration, `concurrency` connections in flight, driven on one
/// event loop with no task per agent: the agents' side of the bench should cost the shared cores
/// as little as it can, since in a cluster it runs on other machines.
final class RegistrationWave: @unchecked Sendable {
    private let requests: [ByteBuffer]
    private let port: Int
    private let concurrency: Int
    private let loop = MultiThreadedEventLoopGroup.singleton.next()
    private let done: EventLoopPromise<[any Channel]>
    // Touched on `loop` only.
    private var next = 0
    private var channels: [any Channel] = []

    init(requests: [ByteBuffer], port: Int, concurrency: Int) {
        self.requests = requests
        self.port = port
        self.concurrency = concurrency
        done = loop.makePromise()
    }

    func run() async throws -> [any Channel] {
        loop.execute { [self] in
            if requests.isEmpty { done.succeed([]) }
            for _ in 0..<min(concurrency, requests.count) { startNext() }
        }
        return try await done.futureResult.get()
    }

    private func startNext() {
        guard next < requests.count else { return }
        let address: SocketAddress
        do { address = try SocketAddress(ipAddress: "127.0.0.1", port: port) } catch {
            done.fail(error)
            return
        }
        let request = requests[next]
        next += 1
        let registered = loop.makePromise(of: Void.self)
        ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(SimulatedAgent(request: request, registered: registered)) }
            }
            // An address, not a host name: a name costs each connection a resolver thread's
            // lookup and a happy-eyeballs race, CPU the master's cores would share here.
            .connect(to: address)
            .flatMap { channel in registered.futureResult.map { channel } }
            .hop(to: loop)
            .whenComplete { [self] result in
                switch result {
                case .success(let channel):
                    channels.append(channel)
                    if channels.count == requests.count { done.succeed(channels) } else { startNext() }
                case .failure(let error):
                    done.fail(error)
                }
            }
    }
}

/// One simulated agent: sends its REGISTER and reads its stream until REGISTERED arrives.
final class SimulatedAgent: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let registeredMarker = Array(#""REGISTERED""#.utf8)
    private static let headEnd = Array("\r\n\r\n".utf8)
    private static let okStatus = Array("HTTP/1.1 200".utf8)

    private let request: ByteBuffer
    private let registered: EventLoopPromise<Void>
    private var received: [UInt8] = []
    private var done = false

    init(request: ByteBuffer, registered: EventLoopPromise<Void>) {
        self.request = request
        self.registered = registered
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(request), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !done else { return }
        received.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        if received.count >= Self.okStatus.count, !received.starts(with: Self.okStatus), Self.find(Self.headEnd, in: received) {
            done = true
            registered.fail(ValidationError("the master refused a registration: \(String(decoding: received.prefix(200), as: UTF8.self))"))
        } else if Self.find(Self.registeredMarker, in: received) {
            done = true
            received = []
            registered.succeed(())
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in haystack[start..<(start + needle.count)].elementsEqual(needle) }
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
