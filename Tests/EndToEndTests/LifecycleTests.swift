import CorralTesting
import Foundation
import Testing

/// Issue 10: the long-running commands stop on SIGTERM gracefully, promptly, with status 0 and
/// no cancellation noise in their logs.
@Suite(.timeLimit(.minutes(2))) struct LifecycleTests {
    let corral = BuiltProgram(name: "corral")

    @Test func masterStopsCleanlyOnSigterm() async throws {
        let work = "/tmp/corral-tests/lifecycle-master-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let outcome = try await onOwnThread { [self] in try stopOnceListening(["master", "--port", "0", "--work-dir", work, "--registry", "in-memory"]) }
        #expect(outcome.status == 0)
        #expect(outcome.seconds < 5)
        #expect(!outcome.stderr.contains("CancellationError"), "stderr: \(outcome.stderr)")
        #expect(!outcome.stderr.contains(" error "), "stderr: \(outcome.stderr)")
    }

    @Test func jobsWithoutItsMasterStopsCleanlyOnSigterm() async throws {
        let work = "/tmp/corral-tests/lifecycle-jobs-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: work) }
        // Nothing listens on port 1: the framework keeps trying to subscribe while it serves.
        let outcome = try await onOwnThread { [self] in try stopOnceListening(["jobs", "--master", "127.0.0.1:1", "--port", "0", "--work-dir", work]) }
        #expect(outcome.status == 0)
        #expect(outcome.seconds < 5)
        #expect(!outcome.stderr.contains("CancellationError"), "stderr: \(outcome.stderr)")
    }

    struct Stopped {
        var status: Int32
        var stderr: String
        /// From SIGTERM to the exit.
        var seconds: Double
    }

    /// Starts the program, waits for its 'listening on' line, sends SIGTERM and waits (up to
    /// 30 s) for it to exit. It blocks: tests call it on a thread of their own.
    private func stopOnceListening(_ arguments: [String]) throws -> Stopped {
        let process = Process()
        process.executableURL = corral.url
        process.arguments = arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let errors = BuiltProgram.Captured()
        let reader = DispatchGroup()
        reader.enter()
        DispatchQueue.global().async {
            errors.store(stderr.fileHandleForReading.readDataToEndOfFile())
            reader.leave()
        }
        var output = Data()
        while !String(decoding: output, as: UTF8.self).contains("listening on") {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // it exited
            output += chunk
        }
        let signalled = Date()
        process.terminate()  // SIGTERM
        let deadline = DispatchWorkItem { kill(process.processIdentifier, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: deadline)
        process.waitUntilExit()
        deadline.cancel()
        reader.wait()
        return Stopped(status: process.terminationStatus, stderr: errors.text, seconds: Date().timeIntervalSince(signalled))
    }
}
