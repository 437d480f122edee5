import ConsoleCore
import ConsoleHistory
import ConsoleTerminal
import CorralModel

/// The replay's terminal side, on its own thread like `TerminalLoop`: it reads keys and draws
/// what a `ReplayScreen` (the same one a tour's replay step shows) makes of them and of time.
struct ReplayLoop: Sendable {
    let history: History
    let catalog: ThemeCatalog
    let theme: Theme
    let source: String
    let screen: @Sendable () -> any ConsoleScreen
    let screenSaver: ScreenSaver

    func run() -> Result<Void, TerminalError> {
        let terminal = screen()
        do { try terminal.start() } catch { return .failure(error) }
        defer { terminal.stop() }
        let clock = ContinuousClock()
        let origin = clock.now
        func now() -> Double { (clock.now - origin) / .seconds(1) }

        var replay = ReplayScreen(history: history, model: makeModel(), now: now())
        let glyphs: Glyphs = terminal.supportsUnicode ? .unicode : .ascii
        var resolved = catalog.resolved(catalog.themes[replay.model.themeIndex], for: terminal.colorSupport)
        var previous: CellBuffer?
        while !terminal.interrupted {
            var produced: [ConsoleEffect] = []
            var changed = false
            if let key = terminal.readKey(timeoutMilliseconds: Self.wait(until: replay.nextDeadline, now: now())) {
                if key == .resize {
                    terminal.clear()
                    previous = nil
                }
                produced += replay.key(key, now: now())
                changed = true
            }
            changed = replay.advance(now: now()) || changed
            if produced.contains(.quit) { break }
            if produced.contains(.saveScreen) {
                let size = terminal.size
                let saved = screenSaver.save(replay.model, theme: resolved.theme, catalog: catalog, glyphs: glyphs, width: size.width, height: size.height, now: TerminalLoop.now())
                replay.tell(.notice(saved.text, isError: saved.isError))
            }
            if resolved.theme.id != catalog.themes[replay.model.themeIndex].id {
                resolved = catalog.resolved(catalog.themes[replay.model.themeIndex], for: terminal.colorSupport)
                previous = nil
            }
            if changed || previous == nil { previous = TerminalLoop.draw(replay.model, on: terminal, theme: resolved, glyphs: glyphs, since: previous) }
        }
        return .success(())
    }

    /// Milliseconds to wait for a key: until the replay's next record, within 5 to 100.
    static func wait(until deadline: Double?, now: Double) -> Int32 {
        deadline.map { Int32(min(100, max(5, ($0 - now) * 1000))) } ?? 100
    }

    /// The model a replay starts from: the chosen theme, and a notice for each broken theme
    /// file and each part of the history that could not be read.
    private func makeModel() -> ConsoleModel {
        let names = catalog.themes.map(\.id)
        var model = ConsoleModel(now: history.start, themeNames: names, themeIndex: names.firstIndex(of: theme.id) ?? 0, source: source)
        for problem in catalog.problems { _ = model.update(.notice("Theme \(problem) — using the default theme", isError: true)) }
        for problem in history.problems { _ = model.update(.notice(problem, isError: true)) }
        return model
    }
}
