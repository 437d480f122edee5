import CorralTesting
import Foundation

/// Runs a program built by this package (they sit next to the test bundle) and collects what it
/// printed and how it exited.
struct BuiltProgram {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let name: String

    var url: URL {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // The test bundle may be a directory (…/CorralPackageTests.xctest) or a file next to it.
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent(name).path), directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent(name)
    }

    /// Runs the program to its end; with `signal`, sends it that signal `after` seconds. It
    /// waits on a thread of its own, off the pool every other test's tasks run on.
    func run(_ arguments: [String], input: String = "", timeout: TimeInterval = 60, signal: (number: Int32, after: TimeInterval)? = nil) async throws -> Outcome {
        try await onOwnThread { [self] in try runBlocking(arguments, input: input, timeout: timeout, signal: signal) }
    }

    private func runBlocking(_ arguments: [String], input: String, timeout: TimeInterval, signal: (number: Int32, after: TimeInterval)?) throws -> Outcome {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes to their end before waiting, so a chatty program never blocks.
        let errors = Captured()
        let readers = DispatchGroup()
        readers.enter()
        DispatchQueue.global().async {
            errors.store(stderr.fileHandleForReading.readDataToEndOfFile())
            readers.leave()
        }
        let timer = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        if let signal {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + signal.after) { _ = kill(pid, signal.number) }
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        readers.wait()
        process.waitUntilExit()
        timer.cancel()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: errors.text)
    }

    /// Bytes one reader thread hands to another.
    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func store(_ data: Data) { lock.withLock { self.data = data } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }
}
