import ConsoleCore
import ConsoleTerminal
import CorralModel
import CorralSDK
import Foundation

/// The console bound to a running cluster: a feed of snapshots and events, the `console`
/// framework for launches and kills, and the terminal loop on a thread of its own (every curses
/// call happens there).
public struct ConsoleSession<Source: ClusterSource>: Sendable {
    public let cluster: Source
    public let catalog: ThemeCatalog
    public let initialTheme: Theme
    public let refreshInterval: Double
    public let source: String
    /// Services and Jobs on the same cluster, when the console runs them.
    public var frameworks = ConsoleFrameworks.none
    /// More work that runs on the cluster while the console is up (the demo's batch framework).
    public var companions: [@Sendable () async -> Void] = []
    /// The terminal the loop draws on, made on the loop's own thread: ncurses, or a test's.
    public var screen: @Sendable () -> any ConsoleScreen = { NcursesTerminal() }
    /// Where `S` saves the screen (as SVG and text): the work directory.
    public var screenDirectory = FileManager.default.currentDirectoryPath
    /// A guided tour to walk through, and what carries out its steps (`corral demo --tour`).
    public var tour: (tour: Tour, director: TourDirector)?
    /// Where and how much of the cluster's history to keep for `corral replay`; nil keeps none.
    public var history: HistoryWriter?

    public init(cluster: Source, catalog: ThemeCatalog, initialTheme: Theme, refreshInterval: Double, source: String) {
        self.cluster = cluster
        self.catalog = catalog
        self.initialTheme = initialTheme
        self.refreshInterval = refreshInterval
        self.source = source
    }

    /// Runs until the user quits (or a signal asks the console to stop); throws the terminal
    /// problem that ended it early, if any.
    public func run() async throws {
        let inbox = ConsoleInbox()
        let controls = Controls(refreshInterval: refreshInterval)
        let notices: @Sendable (String, Bool) -> Void = { text, isError in inbox.post(.notice(text, isError: isError)) }
        let framework = ConsoleFramework(notices: notices, waiting: { inbox.post(.waitingLaunches($0)) })
        let driver = SchedulerDriver(
            scheduler: framework, framework: FrameworkInfo(name: "console", roles: ["*"]), transport: cluster.transport)
        let (effects, effectSink) = AsyncStream.makeStream(of: ConsoleEffect.self)
        let performer = EffectPerformer(
            framework: framework, driver: driver, frameworks: frameworks, controls: controls, notices: notices,
            explain: { [cluster] subject in inbox.post(.explanation(subject, await cluster.explain(subject))) },
            tour: { [tour, cluster] actions in await tour?.director.carryOut(actions, transport: cluster.transport, notices: notices) })
        if let tour { inbox.post(.startTour(tour.tour)) }

        // Outside the group, so that quitting lets it write what it holds before it ends.
        async let historyWritten: Void = history?.run(notices: notices) ?? ()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await driver.run() }
            group.addTask { [frameworks, cluster] in await frameworks.run(transport: cluster.transport, notices: notices) }
            for companion in companions { group.addTask { await companion() } }
            group.addTask { await Self.feed(cluster, inbox: inbox, controls: controls) }
            group.addTask { [frameworks] in await Self.feed(frameworks, inbox: inbox, controls: controls) }
            group.addTask { for await effect in effects { await performer.carryOut(effect) } }
            let loop = TerminalLoop(
                catalog: catalog, theme: initialTheme, refreshInterval: refreshInterval, source: source, inbox: inbox,
                effects: effectSink, screen: screen, screenSaver: ScreenSaver(directory: screenDirectory),
                record: { [history] in history?.record($0, at: $1) }, historyDirectory: history?.directory)
            let outcome = await loop.runOnItsOwnThread()
            history?.finish()
            effectSink.finish()
            await tour?.director.stop()
            await driver.stop()
            await frameworks.stop()
            group.cancelAll()
            try outcome.get()
        }
        await historyWritten
    }
}
