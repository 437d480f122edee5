import ConsoleCore
import ConsoleTerminal
import CorralConsole
import CorralModel
import CorralTesting
import Testing

/// The whole console on a cluster and a terminal the test plays: what the cluster says shows on
/// the screen, keys reach the cluster, q ends the session and gives the terminal back.
@Suite(.timeLimit(.minutes(1))) struct ConsoleSessionTests {
    func session(_ cluster: FakeCluster, _ screen: FakeScreen) -> ConsoleSession<FakeCluster> {
        var session = ConsoleSession(
            cluster: cluster, catalog: ThemeCatalog(themes: [], problems: []), initialTheme: .builtIn, refreshInterval: 0.05,
            source: "test cluster")
        session.screen = { screen }
        return session
    }

    @Test func showsTheClustersAgentsAndEndsOnQ() async throws {
        let cluster = FakeCluster(agents: ["node-7"])
        let screen = FakeScreen()
        let running = Task { [session = session(cluster, screen)] in try await session.run() }
        #expect(await eventually { screen.text.contains("node-7") && screen.text.contains("test cluster") })
        screen.type("q")
        #expect(try await running.value(within: .seconds(30)) != nil, "it ended")
        #expect(screen.stopped)
    }

    @Test func anAgentThatJoinsShowsAtTheNextRefresh() async throws {
        let cluster = FakeCluster(agents: ["node-7"])
        let screen = FakeScreen()
        let running = Task { [session = session(cluster, screen)] in try await session.run() }
        #expect(await eventually { screen.text.contains("node-7") })
        cluster.emit(.agentAdded(FakeCluster.agent("node-8", index: 8)))
        cluster.set(agents: ["node-7", "node-8"])
        #expect(await eventually { screen.text.contains("node-8") })
        screen.type("q")
        #expect(try await running.value(within: .seconds(30)) != nil, "it ended")
    }

    @Test func aTaskTypedIntoTheLaunchDialogIsLaunchedOnAnOffer() async throws {
        let cluster = FakeCluster()
        let screen = FakeScreen()
        let running = Task { [session = session(cluster, screen)] in try await session.run() }
        #expect(await eventually { screen.text.contains("node-7") })
        // Events emitted before the framework subscribes are lost: the screen can come first.
        #expect(await eventually { cluster.transport.subscriptions == 1 })
        // Wanting nothing yet, the console's framework declines and suppresses offers; a launch
        // revives them.
        cluster.transport.emit(.offers([offer("o1")]))
        #expect(await eventually { count("SUPPRESS", cluster) == 1 })
        screen.type(.character("l"))
        screen.type("sleep 5")
        screen.type(.enter)
        #expect(await eventually { count("REVIVE", cluster) == 1 })
        cluster.transport.emit(.offers([offer("o2")]))
        #expect(await eventually { launchedTasks(cluster) == ["sleep-1"] })
        screen.type("q")
        #expect(try await running.value(within: .seconds(30)) != nil, "it ended")
    }

    @Test func aTerminalThatCannotStartEndsTheSessionWithItsReason() async {
        let screen = FakeScreen(refusing: .notATerminal)
        await #expect(throws: TerminalError.notATerminal) { try await session(FakeCluster(), screen).run() }
    }

    func offer(_ id: OfferID) -> Offer {
        Offer(
            id: id, frameworkID: "console-framework", agentID: "agent-0", hostname: "node-7", role: "*",
            resources: Resources([.scalar("cpus", 4), .scalar("mem", 4096)]).allocated(to: "*"))
    }

    func count(_ callType: String, _ cluster: FakeCluster) -> Int { cluster.transport.calls.filter { $0.typeName == callType }.count }

    func launchedTasks(_ cluster: FakeCluster) -> [TaskID] {
        cluster.transport.calls.flatMap { call -> [TaskID] in
            guard case .accept(_, let operations, _) = call else { return [] }
            return operations.flatMap { operation -> [TaskID] in if case .launch(let tasks) = operation { tasks.map(\.taskID) } else { [] } }
        }
    }
}
