import ConsoleCore
import ConsoleHistory
import ConsoleTerminal
import CorralModel
import Foundation

/// The console's terminal side: read a key (or time out), take in what the cluster sent, update
/// the model, draw what changed. Runs on one dedicated thread, which is the only one that
/// touches curses.
struct TerminalLoop: Sendable {
    let catalog: ThemeCatalog
    let theme: Theme
    let refreshInterval: Double
    let source: String
    let inbox: ConsoleInbox
    let effects: AsyncStream<ConsoleEffect>.Continuation
    let screen: @Sendable () -> any ConsoleScreen
    /// Where `S` saves the screen.
    var screenSaver = ScreenSaver(directory: FileManager.default.currentDirectoryPath)
    /// Told every message the model is fed from the inbox, with the time it was fed at: the
    /// console's history.
    var record: @Sendable (ConsoleMessage, Time) -> Void = { _, _ in }
    /// Where that history is kept (a tour's replay step replays it); nil when none is kept.
    var historyDirectory: String?

    func runOnItsOwnThread() async -> Result<Void, TerminalError> {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: run()) }
            thread.name = "corral-console"
            thread.start()
        }
    }

    private func run() -> Result<Void, TerminalError> {
        let terminal = screen()
        do { try terminal.start() } catch { return .failure(error) }
        defer { terminal.stop() }

        var model = makeModel()
        // A tour's replay step shows this instead; the live model goes on being fed meanwhile.
        var replay: ReplayScreen?
        let glyphs: Glyphs = terminal.supportsUnicode ? .unicode : .ascii
        var resolved = catalog.resolved(catalog.themes[model.themeIndex], for: terminal.colorSupport)
        var previous: CellBuffer?
        let cadence = ContinuousClock()  // monotonic: a wall clock set back must not stall the ticks
        let origin = cadence.now
        func elapsed() -> Double { (cadence.now - origin) / .seconds(1) }
        var lastTick = cadence.now
        var dirty = true

        while !terminal.interrupted {
            var produced: [ConsoleEffect] = []
            if let key = terminal.readKey(timeoutMilliseconds: Self.wait(for: replay, now: elapsed())) {
                if key == .resize {
                    terminal.clear()
                    previous = nil
                }
                produced += Self.route(key, to: &model, replay: &replay, now: elapsed())
                dirty = true
            }
            if replay?.advance(now: elapsed()) == true { dirty = true }
            let now = Self.now()
            if let fed = feedInbox(into: &model, now: now) {
                produced += fed
                dirty = true
            }
            // Ages and uptime move once a second even when nothing else happens.
            if cadence.now - lastTick >= .seconds(1) {
                lastTick = cadence.now
                dirty = true
            }
            if dirty { produced += model.update(.tick(now: now)) }
            if produced.contains(.quit) { break }
            if produced.contains(.saveScreen) {
                tell(saved(replay?.model ?? model, size: terminal.size, theme: resolved.theme, glyphs: glyphs), to: &model, replay: &replay)
                dirty = true
            }
            if dispatch(produced, model: &model, replay: &replay, now: elapsed()) { dirty = true }

            let shown = replay?.model ?? model
            if resolved.theme.id != catalog.themes[shown.themeIndex].id {
                resolved = catalog.resolved(catalog.themes[shown.themeIndex], for: terminal.colorSupport)
                dirty = true
            }
            if dirty {
                previous = Self.draw(shown, on: terminal, theme: resolved, glyphs: glyphs, since: previous)
                dirty = false
                lastTick = cadence.now  // this frame shows the ages too: one frame a second, not two, when idle
            }
        }
        return .success(())
    }

    /// Draws `model`, sending the terminal only what changed since `previous`; returns the frame.
    static func draw(_ model: ConsoleModel, on terminal: any ConsoleScreen, theme: ResolvedTheme, glyphs: Glyphs, since previous: CellBuffer?) -> CellBuffer {
        let size = terminal.size
        let frame = ConsoleView.render(model, theme: theme, glyphs: glyphs, width: size.width, height: size.height)
        terminal.draw(frame.changes(since: previous))
        terminal.refresh()
        return frame
    }

    /// What arrived since the last turn, recorded and fed after the clock moved to `now` (a
    /// replay feeds the history in that order); nil when nothing arrived.
    private func feedInbox(into model: inout ConsoleModel, now: Time) -> [ConsoleEffect]? {
        let messages = inbox.drain()
        guard !messages.isEmpty else { return nil }
        var produced = model.update(.tick(now: now))
        for message in messages {
            record(message, now)
            produced += model.update(message)
        }
        return produced
    }

    /// The model the loop starts from: the chosen theme, and a notice for each broken theme file.
    private func makeModel() -> ConsoleModel {
        let names = catalog.themes.map(\.id)
        var model = ConsoleModel(
            now: Self.now(), themeNames: names, themeIndex: names.firstIndex(of: theme.id) ?? 0,
            refreshInterval: refreshInterval, source: source)
        for problem in catalog.problems {
            _ = model.update(.notice("Theme \(problem) — using the default theme", isError: true))
        }
        return model
    }

    static func now() -> Time { SystemClock().now.wall }

    /// How long a turn waits for a key: until a playing replay's next event is due, else
    /// `idleWaitMilliseconds`.
    static func wait(for replay: ReplayScreen?, now: Double) -> Int32 {
        replay.map { ReplayLoop.wait(until: $0.nextDeadline, now: now) } ?? idleWaitMilliseconds
    }

    /// How long a turn waits for a key when no replay is playing. A key ends the wait at once;
    /// what the cluster sends waits for the turn's end, so this bounds how late a change shows.
    /// A quarter of a second is below what a person watching notices, and each wake-up costs an
    /// idle console its CPU (issue 11 asks for under 0.5% of a core).
    static let idleWaitMilliseconds: Int32 = 250
}
