import CorralHTTPServer
import CorralHTTPTesting
import CorralModel
import CorralSDK
import CorralSDKHTTP
import CorralTesting
import Synchronization
import Testing

/// The master's `/metrics`: Mesos's metrics in Prometheus's text format, read by a scraper.
@Suite struct MasterPrometheusTests {
    static func scrape(_ master: MasterAddress, headers: [(String, String)] = []) async throws -> PrometheusScrape {
        let answer = try await RawHTTP(master: master).send("GET", "/metrics", headers: headers)
        #expect(answer.status == 200, "\(answer.body)")
        #expect(answer.headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("text/plain; version=0.0.4") })
        return try PrometheusScrape(parsing: answer.body)
    }

    @Test func theNumbersMoveAsATaskRunsAndIsKilled() async throws {
        try await HTTPTestCluster.run { cluster, master in
            let before = try await Self.scrape(master)
            #expect(before.value("corral_master_agents_active") == 1)
            #expect(before.value("corral_master_cpus_total") == 4)
            #expect(before.value("corral_master_tasks_running") == 0)
            #expect(before.types["corral_master_tasks_killed_total"] == "counter")
            #expect(before.types["corral_master_tasks_running"] == "gauge")
            #expect(before.types["corral_allocator_cycle_seconds"] == "histogram")

            let scheduler = LaunchOne(command: "sleep 60")
            let driver = SchedulerDriver(scheduler: scheduler, framework: FrameworkInfo(name: "metered"), transport: cluster.transport)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await driver.run() }
                #expect(await eventually { (try? await Self.scrape(master).value("corral_master_tasks_running")) == 1 })
                let running = try await Self.scrape(master)
                #expect(running.value("corral_master_cpus_used") == 0.5)
                #expect(running.value("corral_master_frameworks_active") == 1)
                #expect((running.value("corral_allocator_cycle_seconds_count") ?? 0) >= 1, "allocation passes were not timed")

                try await driver.kill(TaskID("metered"))
                #expect(await eventually { (try? await Self.scrape(master).value("corral_master_tasks_killed_total")) == 1 })
                #expect(try await Self.scrape(master).value("corral_master_tasks_running") == 0)
                await driver.stop()
                group.cancelAll()
            }
        }
    }

    @Test func metricsFollowTheReadOnlyRealmAndTheGetEndpointsACL() async throws {
        let authenticator = HTTPAuthenticator(
            credentials: Credentials([Credential(principal: "ops", secret: "s1"), Credential(principal: "dev", secret: "s2")]),
            requiredRealms: [MesosRealm.readonly])
        let acls = ACLs(permissive: true, rules: [
            .getEndpoints: [ACLs.Rule(principals: .some(["ops"]), objects: .any), ACLs.Rule(principals: .any, objects: .none)],
        ])
        try await HTTPTestCluster.run(agents: 0, authenticator: authenticator, acls: acls) { _, master in
            let raw = RawHTTP(master: master)
            let anonymous = try await raw.send("GET", "/metrics")
            #expect(anonymous.status == 401)
            #expect(anonymous.headers.contains { $0.0.lowercased() == "www-authenticate" && $0.1.contains(MesosRealm.readonly) })
            let dev = ("Authorization", Credential(principal: "dev", secret: "s2").basicAuthorization)
            #expect(try await raw.send("GET", "/metrics", headers: [dev]).status == 403)
            #expect(try await raw.send("GET", "/metrics/snapshot", headers: [dev]).status == 403, "the JSON follows the same rule")
            let ops = ("Authorization", Credential(principal: "ops", secret: "s1").basicAuthorization)
            #expect(try await Self.scrape(master, headers: [ops]).value("corral_master_elected") == 1)
            #expect(try await raw.send("POST", "/metrics", headers: [ops]).status == 405)
        }
    }
}

/// Launches one task named after its framework on the first offer, and declines the rest.
actor LaunchOne: Scheduler {
    let command: String
    var launched = false

    init(command: String) { self.command = command }

    func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {
        guard !launched, let offer = offers.first else {
            try? await driver.decline(offers.map(\.id), filters: Filters(refuseSeconds: 60))
            return
        }
        launched = true
        let task = TaskInfo(
            name: "metered", taskID: TaskID("metered"), agentID: offer.agentID, resources: try! Resources(parsing: "cpus:0.5;mem:32"),
            command: .shell(command))
        try? await driver.launch([task], on: [offer.id])
        try? await driver.decline(offers.dropFirst().map(\.id), filters: Filters(refuseSeconds: 60))
    }

    func update(_ driver: SchedulerDriver, _ status: TaskStatus) async {}
}
