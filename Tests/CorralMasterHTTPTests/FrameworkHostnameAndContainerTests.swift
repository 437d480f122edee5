import CorralCluster
import CorralHTTPTesting
import CorralModel
import CorralSDK
import CorralSDKHTTP
import CorralTesting
import Foundation
import Testing

/// Operators see where each framework runs and in which container each task does: a framework
/// that names no hostname gets the address it subscribed from (the master's own host for one in
/// its process), and the statuses agents send carry their task's container, to the framework
/// and in the master's state.
@Suite(.timeLimit(.minutes(2))) struct FrameworkHostnameAndContainerTests {
    /// Launches one `sleep 60` on the first offer that fits, and records the statuses it hears.
    actor Launcher: Scheduler {
        var statuses: [TaskStatus] = []
        var launched = false

        func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {
            guard !launched, let offer = offers.first, let resources = try? Resources(parsing: "cpus:0.1;mem:32") else { return }
            launched = true
            let task = TaskInfo(name: "sleeper", taskID: "sleeper", agentID: offer.agentID, resources: resources, command: .shell("sleep 60"))
            try? await driver.launch([task], on: [offer.id])
        }

        func update(_ driver: SchedulerDriver, _ status: TaskStatus) async { statuses.append(status) }
    }

    func run(_ framework: FrameworkInfo, over http: Bool, _ body: @Sendable (EmbeddedCluster, MasterAddress, Launcher) async throws -> Void) async throws {
        try await HTTPTestCluster.run { cluster, master in
            let scheduler = Launcher()
            let transport: any SchedulerTransport = http ? HTTPSchedulerTransport(master: master) : cluster.transport
            let driver = SchedulerDriver(scheduler: scheduler, framework: framework, transport: transport)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await driver.run() }
                #expect(await eventually { await scheduler.statuses.contains { $0.state == .running } })
                try await body(cluster, master, scheduler)
                await driver.stop()
                group.cancelAll()
            }
        }
    }

    @Test func aFrameworkOverHTTPWithoutAHostnameGetsThePeersAddress() async throws {
        try await run(FrameworkInfo(name: "nameless"), over: true) { cluster, master, _ in
            #expect(await cluster.master.snapshot().frameworks.map(\.info.hostname) == ["127.0.0.1"])
            let raw = RawHTTP(master: master)
            let frameworks = try JSONSerialization.jsonObject(with: Data(try await raw.send("GET", "/master/frameworks").body.utf8)) as? [String: Any]
            #expect((frameworks?["frameworks"] as? [[String: Any]])?.first?["hostname"] as? String == "127.0.0.1")
            let answer = try await raw.post("/api/v1", json: #"{"type":"GET_FRAMEWORKS"}"#)
            #expect(answer.body.contains(#""hostname":"127.0.0.1""#))
        }
    }

    @Test func aHostnameTheFrameworkGivesIsKeptAndOneInTheMastersProcessGetsTheMastersHost() async throws {
        try await run(FrameworkInfo(name: "named", hostname: "sched.example"), over: true) { cluster, _, _ in
            #expect(await cluster.master.snapshot().frameworks.map(\.info.hostname) == ["sched.example"])
        }
        try await run(FrameworkInfo(name: "inside"), over: false) { cluster, _, _ in
            #expect(await cluster.master.snapshot().frameworks.map(\.info.hostname) == [cluster.configuration.master.hostname])
        }
    }

    @Test func statusesCarryTheTasksContainerToTheFrameworkAndTheMastersState() async throws {
        try await run(FrameworkInfo(name: "containers"), over: true) { cluster, master, scheduler in
            let statuses = await scheduler.statuses
            let containers = Set(statuses.compactMap(\.containerStatus?.containerID.value))
            #expect(containers.count == 1)
            let container = try #require(containers.first)
            #expect(container.hasSuffix("-sleeper"))
            #expect(statuses.allSatisfy { $0.containerStatus != nil })
            let raw = RawHTTP(master: master)
            let mention = "\"container_status\":{\"container_id\":{\"value\":\"\(container)\"}}"
            #expect(try await raw.send("GET", "/master/tasks").body.contains(mention))
            #expect(try await raw.post("/api/v1", json: #"{"type":"GET_TASKS"}"#).body.contains(mention))
        }
    }
}
