import Foundation
import Logging
import Testing

@testable import CorralAgent

/// What the containerizer tests share: a containerizer that is always torn down, sandboxes in a
/// temporary directory, and deadlines instead of sleeps.
enum Fixture {
    static let logger: Logger = {
        var logger = Logger(label: "corral.containerizer.tests")
        logger.logLevel = .warning
        return logger
    }()

    /// Whether cgroups (v2 or v1) can be used here; the cgroup tests are skipped when not.
    static let cgroupsWritable: Bool = {
        let probe = "probe-\(getpid())"
        guard let choice = try? IsolationChoice(request: .cgroups, name: probe, mounts: .current(), keepingContainers: false, logger: logger) else {
            return false
        }
        try? choice.isolator.destroyRoots()
        return true
    }()

    /// Runs `body` with a fresh containerizer and a scratch directory, then destroys every
    /// container and removes the directory, whatever `body` did.
    /// With `spares`, its sandboxes and records come from `FileSpares` in `<scratch>/spares`, as
    /// an agent's do.
    static func withContainerizer<T>(
        _ isolation: IsolationRequest, spares: Bool = false,
        _ body: (Containerizer, _ scratch: String) async throws -> T
    ) async throws -> T {
        let scratch = NSTemporaryDirectory() + uniqueName("corral-test")
        let containerizer = try Containerizer(
            name: uniqueName("test"), isolation: isolation, recordsDirectory: scratch + "/records",
            spares: spares ? FileSpares(directory: scratch + "/spares") : nil, logger: logger)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        do {
            let result = try await body(containerizer, scratch)
            await containerizer.destroyAll()
            return result
        } catch {
            await containerizer.destroyAll()
            throw error
        }
    }

    /// The spare cgroups the containerizer has ready in every hierarchy, by name.
    static func spares(of containerizer: Containerizer) -> Set<String> {
        let each = containerizer.cgroupRoots.map { root in Set(SystemFile.entries(of: root).filter { $0.hasPrefix("spare-") }) }
        return each.dropFirst().reduce(each.first ?? []) { $0.intersection($1) }
    }

    /// A records directory of its own, for containerizers a test makes itself.
    static func records(_ name: String) -> String {
        NSTemporaryDirectory() + "corral-records/" + name
    }

    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    static func spec(
        _ id: String,
        _ command: ContainerCommand,
        in scratch: String,
        environment: [String: String] = ["PATH": "/usr/bin:/bin"],
        cpus: Double? = nil,
        memoryBytes: UInt64? = nil
    ) -> ContainerSpec {
        ContainerSpec(
            containerID: id, command: command, environment: environment, sandbox: scratch + "/" + id,
            cpus: cpus, memoryBytes: memoryBytes
        )
    }

    static func contents(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    static func eventually(
        within timeout: Duration = .seconds(10),
        _ condition: () throws -> Bool
    ) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return try condition()
    }

    /// A process that exists and is not a zombie.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = ProcessStat.read(pid) else { return false }
        return !stat.isZombie
    }
}
