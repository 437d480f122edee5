import CorralCluster
import CorralModel
import CorralTesting
import Foundation
import Logging
import Synchronization
import Testing

@testable import CorralServices

#if canImport(Glibc)
import Glibc
#endif

/// Services on a real embedded cluster: real tasks, real kills, real health checks.
@Suite(.timeLimit(.minutes(2))) struct ServicesIntegrationTests {
    let web = try! AppID(parsing: "/web")

    func quickApp(_ instances: Int, marker: String) -> AppDefinition {
        var app = AppDefinition(id: "/web", cmd: "exec sleep 600.\(marker)", instances: instances)
        app.cpus = 0.1
        app.mem = 16
        app.backoffSeconds = 0.1
        app.taskKillGracePeriodSeconds = 0.5
        return app
    }

    /// Runs Services on a fresh cluster with a store in `directory`, runs `body`, stops Services
    /// without tearing it down.
    func withServices(
        on cluster: EmbeddedCluster, directory: String, _ body: @Sendable (ServicesFramework) async throws -> Void
    ) async throws {
        let services = try ServicesFramework(store: try ServicesStore(workDirectory: directory), logger: .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run(transport: cluster.transport) }
            let subscribed = await eventually { await services.frameworkID != nil }
            #expect(subscribed)
            try await body(services)
            await services.stop()
            group.cancelAll()
        }
    }

    /// The first instance of `app` fails its checks and is killed; a healthy one takes its place.
    /// (The unhealthy moment can be too short to observe, so the test waits for its outcome: the
    /// first task gone, another one healthy.)
    func expectUnhealthyReplaced(_ app: AppDefinition, services: ServicesFramework) async throws {
        _ = try await services.create(app)
        #expect(await eventually { (try? await services.app(web))?.instances.isEmpty == false })
        guard let first = try await services.app(web).instances.first?.taskID else {
            Issue.record("no instance was launched")
            return
        }
        let healthyReplacement = await eventually { await hasHealthyReplacement(of: first, in: services) }
        #expect(healthyReplacement)
        let status = try await services.app(web).status
        #expect(status == .running)
    }

    func hasHealthyReplacement(of first: TaskID, in services: ServicesFramework) async -> Bool {
        guard let snapshot = try? await services.app(web) else { return false }
        return snapshot.healthy == 1 && !snapshot.instances.map(\.taskID).contains(first)
    }

    func runningTasks(_ services: ServicesFramework) async -> [AppInstance] {
        ((try? await services.app(web))?.instances ?? []).filter { $0.state == .running && !$0.killing }
    }

    @Test func keepsThreeInstancesWhenOneIsKilled() async throws {
        let marker = String(UInt32.random(in: 0...UInt32.max))
        let directory = "/tmp/corral-tests/services-\(marker)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await TestCluster.run(agents: 2) { cluster in
            try await withServices(on: cluster, directory: directory) { services in
                _ = try await services.create(quickApp(3, marker: marker))
                #expect(await eventually { await runningTasks(services).count == 3 })
                let before = Set(await runningTasks(services).map(\.taskID))
                #expect(processes(containing: "600.\(marker)").count == 3)

                // A crash from outside Services: the process dies, the task fails, a new one replaces it.
                kill(try #require(processes(containing: "600.\(marker)").first), SIGKILL)
                let replaced = await eventually {
                    let now = Set(await runningTasks(services).map(\.taskID))
                    return now.count == 3 && now != before
                }
                #expect(replaced)
                let failure = try await services.app(web).lastFailure
                #expect(failure?.state == .failed)
                #expect(processes(containing: "600.\(marker)").count == 3)
            }
        }
    }

    @Test func failingHealthCheckReplacesTheTask() async throws {
        let marker = String(UInt32.random(in: 0...UInt32.max))
        defer { try? FileManager.default.removeItem(atPath: "/tmp/corral-tests/services-\(marker)") }
        let flag = "/tmp/corral-tests/first-\(marker)"
        defer { try? FileManager.default.removeItem(atPath: flag) }
        try await TestCluster.run(agents: 1) { cluster in
            try await withServices(on: cluster, directory: "/tmp/corral-tests/services-\(marker)") { services in
                // The first instance never becomes healthy; the ones after it do.
                var app = quickApp(1, marker: marker)
                app.cmd = "if [ -e \(flag) ]; then touch ok; else touch \(flag); fi; exec sleep 600.\(marker)"
                app.healthChecks = [.command("test -f ok", gracePeriodSeconds: 0, intervalSeconds: 0.2, timeoutSeconds: 1, maxConsecutiveFailures: 2)]
                try await expectUnhealthyReplaced(app, services: services)
            }
        }
    }

    @Test func rollingUpdateNeverDropsBelowMinimumHealthCapacity() async throws {
        let marker = String(UInt32.random(in: 0...UInt32.max))
        defer { try? FileManager.default.removeItem(atPath: "/tmp/corral-tests/services-\(marker)") }
        try await TestCluster.run(agents: 2) { cluster in
            try await withServices(on: cluster, directory: "/tmp/corral-tests/services-\(marker)") { services in
                var app = quickApp(4, marker: marker)
                app.upgradeStrategy.minimumHealthCapacity = 0.5
                app.upgradeStrategy.maximumOverCapacity = 0
                _ = try await services.create(app)
                #expect(await eventually { await runningTasks(services).count == 4 })
                let old = Set(await runningTasks(services).map(\.taskID))

                app.cmd = "exec sleep 601.\(marker)"
                let deployment = try await services.put(app)
                #expect(deployment.action == .restart)
                // Watch every state the app passes through until the deployment is done.
                let seen = Mutex((fewest: Int.max, most: 0))
                let finished = await eventually {
                    let snapshot = try? await services.app(web)
                    let alive = snapshot?.instances.filter { !$0.killing } ?? []
                    seen.withLock { $0 = (min($0.fewest, alive.filter { $0.state == .running }.count), max($0.most, alive.count)) }
                    return await services.deployments().isEmpty
                }
                #expect(finished)
                let (fewest, most) = seen.withLock { $0 }
                #expect(fewest >= 2, "fell to \(fewest) running instances; minimumHealthCapacity 0.5 of 4 keeps 2")
                #expect(most <= 4, "went over capacity: \(most) instances with maximumOverCapacity 0")
                let now = await runningTasks(services)
                #expect(now.count == 4)
                #expect(Set(now.map(\.taskID)).isDisjoint(with: old))
                #expect(await eventually { processes(containing: "600.\(marker)").isEmpty })
                #expect(processes(containing: "601.\(marker)").count == 4)
            }
        }
    }

    @Test func restartedServicesReattachesInsteadOfLaunchingAgain() async throws {
        let marker = String(UInt32.random(in: 0...UInt32.max))
        let directory = "/tmp/corral-tests/services-\(marker)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await TestCluster.run(agents: 1) { cluster in
            let first = Mutex<Set<TaskID>>([])
            try await withServices(on: cluster, directory: directory) { services in
                _ = try await services.create(quickApp(2, marker: marker))
                #expect(await eventually { await runningTasks(services).count == 2 })
                let ids = Set(await runningTasks(services).map(\.taskID))
                first.withLock { $0 = ids }
            }
            try await withServices(on: cluster, directory: directory) { services in
                let reattached = await eventually {
                    let tasks = await runningTasks(services)
                    return tasks.count == 2 && tasks.allSatisfy(\.confirmed)
                }
                #expect(reattached)
                #expect(Set(await runningTasks(services).map(\.taskID)) == first.withLock { $0 })
                #expect(processes(containing: "600.\(marker)").count == 2)
                let snapshot = await cluster.master.snapshot()
                #expect(snapshot.tasks.filter { $0.state == .running }.count == 2)
            }
        }
    }
}
