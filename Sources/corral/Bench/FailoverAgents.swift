import ArgumentParser
import Foundation

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
        let streams = try RegistrationWave(requests: requests, port: port, concurrency: concurrency).run()
        print("registered \(streams.count)")
        fflushStandardOutput()
        while readLine() != nil {}
        for stream in streams { close(stream) }
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
