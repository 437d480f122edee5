import CorralCluster
import CorralModel
import CorralSDK
import CorralTesting
import Testing

/// The in-process transport hands the driver the master's own stream of events, with no task
/// relaying it; the master must still learn when the driver stops reading.
@Suite(.timeLimit(.minutes(1))) struct InProcessTransportTests {
    /// With no failover timeout (the default, 0 as in Mesos), a framework that stops reading
    /// is removed as soon as the master notices, and its task killed.
    @Test func aDriverThatStopsWithoutTeardownIsNoticedByTheMaster() async throws {
        try await TestCluster.run { cluster in
            try await withThrowingTaskGroup(of: Void.self) { group in
                let framework = try await TestFramework.start(on: cluster, in: &group)
                try await framework.launch("ends", "exec sleep 600")
                await framework.waitFor("ends", .running)
                let id = try #require(await framework.driver.frameworkID)
                @Sendable func known() async -> Bool { await cluster.master.snapshot().frameworks.contains { $0.id == id } }
                #expect(await known())

                await framework.driver.stop(teardown: false)
                #expect(await eventually { await !known() }, "the master never noticed that the framework stopped reading")
                #expect(await eventually { await cluster.master.snapshot().completedTasks.contains { $0.id == "ends" && $0.state == .killed } })
                group.cancelAll()
            }
        }
    }

    /// Read as a stream (the transport's general form; the driver has events put straight into
    /// its inbox): SUBSCRIBED comes first, and a reader that stops ends the subscription.
    @Test func aStreamReaderThatStopsIsNoticedByTheMaster() async throws {
        try await TestCluster.run { cluster in
            let transport = InProcessTransport(master: cluster.master)
            let reader = Task { () throws -> FrameworkID? in
                for try await event in try await transport.subscribe(FrameworkInfo(name: "streamed"), suppressedRoles: []) {
                    if case .subscribed(let id, _, _) = event { return id }
                }
                return nil
            }
            let id = try #require(try await reader.value)
            #expect(await eventually { await !cluster.master.snapshot().frameworks.contains { $0.id == id } }, "the master never noticed that the reader stopped")
        }
    }
}
