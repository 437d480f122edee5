import ConsoleCore
import ConsoleTerminal
import CorralCluster
import CorralModel
import CorralSDK
import Foundation
import Synchronization

/// The console bound to a running cluster: a feed of snapshots and events, the `console`
/// framework for launches and kills, and the terminal loop on a thread of its own (every curses
/// call happens there).
struct ConsoleSession {
    let cluster: EmbeddedCluster
    let catalog: ThemeCatalog
    let initialTheme: Theme
    let refreshInterval: Double
    let source: String

    /// What the async side needs to know of the terminal side's wishes.
    final class Controls: Sendable {
        private struct State {
            var refreshInterval: Double
            var followed: (key: TaskKey, agentID: AgentID)?
        }
        private let state: Mutex<State>

        init(refreshInterval: Double) { state = Mutex(State(refreshInterval: refreshInterval)) }

        var refreshInterval: Double {
            get { state.withLock { $0.refreshInterval } }
            set { state.withLock { $0.refreshInterval = newValue } }
        }

        var followed: (key: TaskKey, agentID: AgentID)? {
            get { state.withLock { $0.followed } }
            set { state.withLock { $0.followed = newValue } }
        }
    }

    /// Runs until the user quits (or a signal asks the console to stop); returns the terminal
    /// problem that ended it early, if any.
    func run() async throws {
        let inbox = ConsoleInbox()
        let controls = Controls(refreshInterval: refreshInterval)
        let framework = ConsoleFramework { text, isError in inbox.post(.notice(text, isError: isError)) }
        let driver = SchedulerDriver(
            scheduler: framework, framework: FrameworkInfo(name: "console", roles: ["*"]), transport: cluster.transport)
        let (effects, effectSink) = AsyncStream.makeStream(of: ConsoleEffect.self)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await driver.run() }
            group.addTask { await Self.feed(cluster: cluster, inbox: inbox, controls: controls) }
            group.addTask {
                for await effect in effects {
                    switch effect {
                    case .launch(let spec):
                        await framework.launch(spec, driver: driver)
                    case .kill(let key, let agentID):
                        await framework.kill(key, agentID: agentID, driver: driver)
                    case .followSandbox(let key, let agentID):
                        controls.followed = key.flatMap { key in agentID.map { (key, $0) } }
                    case .setRefreshInterval(let seconds):
                        controls.refreshInterval = seconds
                    case .quit:
                        break
                    }
                }
            }
            let loop = TerminalLoop(catalog: catalog, theme: initialTheme, refreshInterval: refreshInterval, source: source, inbox: inbox, effects: effectSink)
            let outcome = await loop.runOnItsOwnThread()
            effectSink.finish()
            await driver.stop()
            group.cancelAll()
            try outcome.get()
        }
    }

    /// Every refresh interval: the cluster's snapshot and the events since the last one, and
    /// the tail of a followed sandbox.
    static func feed(cluster: EmbeddedCluster, inbox: ConsoleInbox, controls: Controls) async {
        let collected = EventBatch()
        // Subscribe before the first snapshot so that no event falls between the two.
        let events = await cluster.master.events()
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await event in events {
                    if case .usageSampled = event { continue }  // the snapshot carries usage
                    collected.append(event)
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    let snapshot = await cluster.master.snapshot()
                    inbox.post(.cluster(snapshot, events: collected.take()))
                    if let (key, agentID) = controls.followed, let sandbox = await cluster.sandbox(of: key, on: agentID) {
                        inbox.post(.sandbox(key, stdout: SandboxTail.read(sandbox.stdoutPath), stderr: SandboxTail.read(sandbox.stderrPath)))
                    }
                    try? await Task.sleep(for: .seconds(controls.refreshInterval))
                }
            }
        }
    }
}

/// Cluster events gathered between two refreshes.
final class EventBatch: Sendable {
    private let events = Mutex<[ClusterEvent]>([])

    func append(_ event: ClusterEvent) { events.withLock { $0.append(event) } }

    func take() -> [ClusterEvent] {
        events.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}
