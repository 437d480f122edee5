import Foundation
import Testing

@testable import CorralAgent

/// Launch + reap latency of /bin/true, against a bare posix_spawn + waitpid. Prints figures and
/// asserts none: run with `CORRAL_BENCH=1 swift test --filter ContainerizerLaunchBenchmark`.
@Suite(
    "Containerizer launch benchmark",
    .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["CORRAL_BENCH"] != nil, "set CORRAL_BENCH=1 to measure launches")
)
struct ContainerizerLaunchBenchmarkTests {
    static let rounds = 300

    @Test("Bare posix_spawn + waitpid")
    func bareSpawn() throws {
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { free(argv[0]) }
        report("posix_spawn+waitpid", try measure {
            var pid: pid_t = 0
            guard posix_spawn(&pid, "/bin/true", nil, nil, argv, environ) == 0 else { throw POSIXError(.EIO) }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        })
    }

    /// A fresh sandbox costs a mkdir and two file creations: about 0.7 ms on this machine's ext4,
    /// more than the process itself. A reused one isolates the containerizer's own cost.
    @Test("launch + waitForTermination, and destroy", arguments: [
        (IsolationRequest.posix, true), (.posix, false), (.cgroups, true), (.cgroups, false),
    ])
    func containerizer(isolation: IsolationRequest, freshSandbox: Bool) async throws {
        if isolation == .cgroups && !Fixture.cgroupsWritable { return }
        try await Fixture.withContainerizer(isolation) { containerizer, scratch in
            var launches: [Duration] = []
            var destroys: [Duration] = []
            let clock = ContinuousClock()
            for round in 0..<Self.rounds {
                let id = "true-\(round)"
                var spec = Fixture.spec(id, .exec(path: "/bin/true", arguments: []), in: scratch, cpus: 0.5, memoryBytes: 64 << 20)
                if !freshSandbox { spec.sandbox = scratch + "/shared" }
                let started = clock.now
                _ = try await containerizer.launch(spec)
                _ = try await containerizer.waitForTermination(containerID: id)
                let ended = clock.now
                try await containerizer.destroy(containerID: id)
                launches.append(ended - started)
                destroys.append(clock.now - ended)
            }
            let label = "\(containerizer.mode.rawValue), \(freshSandbox ? "fresh" : "reused") sandbox:"
            report("\(label) launch+wait", launches)
            report("\(label) destroy", destroys)
        }
    }

    private func measure(_ body: () throws -> Void) rethrows -> [Duration] {
        let clock = ContinuousClock()
        return try (0..<Self.rounds).map { _ in try clock.measure(body) }
    }

    private func report(_ label: String, _ samples: [Duration]) {
        let sorted = samples.map { Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1e3 }.sorted()
        let mean = sorted.reduce(0, +) / Double(sorted.count)
        let line = String(format: "%@: mean %.3f ms, median %.3f ms, p95 %.3f ms over %d", label, mean, sorted[sorted.count / 2], sorted[sorted.count * 95 / 100], sorted.count)
        print("BENCH " + line)
    }
}
