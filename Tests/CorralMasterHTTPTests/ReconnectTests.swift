import CorralCluster
import CorralModel
import CorralSDK
import CorralSDKHTTP
import CorralTesting
import Synchronization
import Testing

/// The SDK's HTTP driver survives losing its stream: it re-subscribes with the framework ID the
/// master gave it, and the scheduler hears `disconnected` in between.
@Suite(.timeLimit(.minutes(2))) struct ReconnectTests {
    actor Counting: Scheduler {
        var subscriptions: [FrameworkID] = []
        var disconnections = 0
        func subscribed(_ driver: SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async { subscriptions.append(frameworkID) }
        func disconnected(_ driver: SchedulerDriver) async { disconnections += 1 }
        func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {}
        func update(_ driver: SchedulerDriver, _ status: TaskStatus) async {}
    }

    @Test func driverResubscribesWithItsFrameworkIDWhenTheStreamEnds() async throws {
        try await HTTPTestCluster.run { cluster, master in
            let scheduler = Counting()
            var info = FrameworkInfo(name: "persistent", failoverTimeout: 3600)
            info.roles = ["*"]
            let driver = SchedulerDriver(scheduler: scheduler, framework: info, transport: HTTPSchedulerTransport(master: master))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await driver.run() }
                #expect(await eventually { await scheduler.subscriptions.count == 1 })
                let first = try #require(await scheduler.subscriptions.first)

                // An operator removes the framework: the master closes its stream.
                #expect(await cluster.master.teardown(first))
                #expect(await eventually { await scheduler.subscriptions.count == 2 })
                #expect(await scheduler.subscriptions == [first, first])
                #expect(await scheduler.disconnections == 1)
                #expect(await cluster.master.snapshot().frameworks.map(\.id) == [first])
                await driver.stop()
                group.cancelAll()
            }
        }
    }
}
