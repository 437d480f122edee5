import CorralCluster
import CorralModel
import CorralSDK
import CorralTesting
import Testing

/// Two frameworks share real agents; DRF decides who gets what.
@Suite(.timeLimit(.minutes(2))) struct DRFSharingTests {
    /// The DRF paper's example with real processes: 9 cpus and 18 GB over three agents (memory
    /// is only bookkeeping here; the tasks are sleeps). Both frameworks want as many tasks as
    /// they can get; A's are <1 cpu, 4 GB>, B's <3 cpus, 1 GB>.
    @Test func paperExampleWithRealTasks() async throws {
        try await TestCluster.run(agents: 1, resources: "cpus:9;mem:18432") { cluster in
            try await withThrowingTaskGroup(of: Void.self) { group in
                let a = try await TestFramework.start(on: cluster, name: "A", in: &group)
                let b = try await TestFramework.start(on: cluster, name: "B", in: &group)
                for index in 0..<5 {
                    try await a.launch("a\(index)", "sleep 600", resources: "cpus:1;mem:4096")
                    try await b.launch("b\(index)", "sleep 600", resources: "cpus:3;mem:1024")
                }
                let settled = await eventually {
                    let snapshot = await cluster.master.snapshot()
                    return snapshot.tasks.filter { $0.state == .running }.count == 5
                }
                #expect(settled)
                let snapshot = await cluster.master.snapshot()
                let byFramework = Dictionary(grouping: snapshot.tasks, by: \.frameworkID).mapValues(\.count)
                #expect(byFramework[try #require(await a.driver.frameworkID)] == 3)
                #expect(byFramework[try #require(await b.driver.frameworkID)] == 2)
                // What the tasks use (offers of the leftover memory aside): both dominant shares 2/3.
                for framework in snapshot.frameworks {
                    let share = max(framework.used.cpus / 9, framework.used.mem / 18432)
                    #expect(abs(share - 2.0 / 3) < 1e-9, "\(framework.info.name) uses \(framework.used)")
                }
                #expect(await cluster.master.invariantViolations() == [])
                await a.driver.stop()
                await b.driver.stop()
                group.cancelAll()
            }
        }
    }
}
