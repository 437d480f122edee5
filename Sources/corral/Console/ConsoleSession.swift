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
struct ConsoleSession<Source: ClusterSource> {
    let cluster: Source
    let catalog: ThemeCatalog
    let initialTheme: Theme
    let refreshInterval: Double
    let source: String
    /// Services and Jobs on the same cluster, when the console runs them.
    var frameworks = ConsoleFrameworks.none
    /// More work that runs on the cluster while the console is up (the demo's batch framework).
    var companions: [@Sendable () async -> Void] = []

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
        let notices: @Sendable (String, Bool) -> Void = { text, isError in inbox.post(.notice(text, isError: isError)) }
        let framework = ConsoleFramework(notices: notices)
        let driver = SchedulerDriver(
            scheduler: framework, framework: FrameworkInfo(name: "console", roles: ["*"]), transport: cluster.transport)
        let (effects, effectSink) = AsyncStream.makeStream(of: ConsoleEffect.self)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await driver.run() }
            group.addTask { [frameworks, cluster] in await frameworks.run(transport: cluster.transport, notices: notices) }
            for companion in companions { group.addTask { await companion() } }
            group.addTask { await Self.feed(cluster, inbox: inbox, controls: controls) }
            group.addTask { [frameworks] in await Self.feed(frameworks, inbox: inbox, controls: controls) }
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
                    case .scaleApp, .createApp, .runJob:
                        await frameworks.perform(effect, notices: notices)
                    case .quit:
                        break
                    }
                }
            }
            let loop = TerminalLoop(catalog: catalog, theme: initialTheme, refreshInterval: refreshInterval, source: source, inbox: inbox, effects: effectSink)
            let outcome = await loop.runOnItsOwnThread()
            effectSink.finish()
            await driver.stop()
            await frameworks.stop()
            group.cancelAll()
            try outcome.get()
        }
    }

    /// Every refresh interval: the cluster's snapshot and the events since the last one, and
    /// the tail of a followed sandbox. A source that fails (a master gone away) is retried, and
    /// the console says so.
    static func feed(_ cluster: Source, inbox: ConsoleInbox, controls: Controls) async {
        let collected = EventBatch()
        var tail = SandboxTailBuffer()
        var failing = false
        while !Task.isCancelled {
            do {
                // Subscribe before the first snapshot so that no event falls between the two.
                let events = try await cluster.events()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await event in events {
                            if case .usageSampled = event { continue }  // the snapshot carries usage
                            collected.append(event)
                        }
                        throw ClusterSourceEnded()
                    }
                    while !Task.isCancelled {
                        let snapshot = try await cluster.snapshot()
                        if failing {
                            failing = false
                            inbox.post(.notice("Connected to the cluster again", isError: false))
                        }
                        inbox.post(.cluster(snapshot, events: collected.take()))
                        if let (key, agentID) = controls.followed {
                            if let update = await tail.refresh(key, agentID: agentID, from: cluster.sandboxes) {
                                inbox.post(.sandbox(key, stdout: update.stdout, stderr: update.stderr))
                            }
                        }
                        try await Task.sleep(for: .seconds(controls.refreshInterval))
                    }
                    group.cancelAll()
                }
            } catch {
                if Task.isCancelled { return }
                if !failing { inbox.post(.notice("Lost the cluster (\(error)); retrying", isError: true)) }
                failing = true
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}

extension ConsoleSession {
    /// Every refresh interval: the apps and jobs of Services and Jobs. A loop of its own, so
    /// that a remote Services or Jobs slow to answer (or down: a refused connection takes its
    /// HTTP client's connect timeout) never holds up the cluster's panes.
    static func feed(_ frameworks: ConsoleFrameworks, inbox: ConsoleInbox, controls: Controls) async {
        while !Task.isCancelled {
            for message in await frameworks.messages() { inbox.post(message) }
            try? await Task.sleep(for: .seconds(controls.refreshInterval))
        }
    }
}

struct ClusterSourceEnded: Error, CustomStringConvertible {
    var description: String { "the event stream ended" }
}

/// The end of a followed task's stdout and stderr, read incrementally (only new bytes each
/// refresh) and kept to the last 16 KiB each.
struct SandboxTailBuffer {
    private var key: TaskKey?
    private var offsets = (stdout: 0, stderr: 0)
    private var text = (stdout: [UInt8](), stderr: [UInt8]())
    static let limit = 16 * 1024

    mutating func refresh(_ key: TaskKey, agentID: AgentID, from reader: any SandboxReader) async -> (stdout: String, stderr: String)? {
        if self.key != key {
            self.key = key
            offsets = (0, 0)
            text = ([], [])
        }
        var changed = false
        for stderr in [false, true] {
            let offset = stderr ? offsets.stderr : offsets.stdout
            guard let bytes = await reader.read(key, on: agentID, stderr: stderr, from: offset), !bytes.isEmpty else { continue }
            changed = true
            if stderr {
                offsets.stderr += bytes.count
                text.stderr = Array((text.stderr + bytes).suffix(Self.limit))
            } else {
                offsets.stdout += bytes.count
                text.stdout = Array((text.stdout + bytes).suffix(Self.limit))
            }
        }
        guard changed || offsets == (0, 0) else { return nil }
        return (String(decoding: text.stdout, as: UTF8.self), String(decoding: text.stderr, as: UTF8.self))
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
