import ConsoleCore
import ConsoleHistory
import ConsoleTerminal
import CorralModel

/// The replay's terminal side, on its own thread like `TerminalLoop`: a key goes to the replay
/// first (its own keys) and then to the model; the replay's messages are fed as they fall due;
/// the model's effects are answered from the history.
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

        var model = makeModel()
        var core = ReplayCore(history: history, now: now())
        let glyphs: Glyphs = terminal.supportsUnicode ? .unicode : .ascii
        var resolved = catalog.resolved(catalog.themes[model.themeIndex], for: terminal.colorSupport)
        var previous: CellBuffer?
        var incoming = core.advance(now: now())
        while !terminal.interrupted {
            var produced: [ConsoleEffect] = []
            let wait = core.nextDeadline().map { Int32(min(100, max(5, ($0 - now()) * 1000))) } ?? 100
            if let key = terminal.readKey(timeoutMilliseconds: wait) {
                if key == .resize {
                    terminal.clear()
                    previous = nil
                }
                if model.mode == .normal, let replayed = core.handle(key, now: now()) { incoming += replayed } else { produced += model.update(.key(key)) }
            }
            incoming += core.advance(now: now())
            let redraw = !incoming.isEmpty || !produced.isEmpty || previous == nil
            for message in incoming { produced += model.update(message) }
            // A jump back forgot the answer of an open Why view: the one recorded by then.
            if incoming.contains(where: { if case .rewind = $0 { true } else { false } }), let why = model.why {
                for message in core.perform(.explain(why.subject)) { _ = model.update(message) }
            }
            incoming = []
            if produced.contains(.quit) { break }
            if produced.contains(.saveScreen) {
                let size = terminal.size
                let saved = screenSaver.save(model, theme: resolved.theme, catalog: catalog, glyphs: glyphs, width: size.width, height: size.height, now: TerminalLoop.now())
                produced += model.update(.notice(saved.text, isError: saved.isError))
            }
            for effect in produced { incoming += core.perform(effect) }
            if resolved.theme.id != catalog.themes[model.themeIndex].id {
                resolved = catalog.resolved(catalog.themes[model.themeIndex], for: terminal.colorSupport)
                previous = nil
            }
            if redraw || previous == nil || !incoming.isEmpty {
                let size = terminal.size
                let frame = ConsoleView.render(model, theme: resolved, glyphs: glyphs, width: size.width, height: size.height)
                terminal.draw(frame.changes(since: previous))
                terminal.refresh()
                previous = frame
            }
        }
        return .success(())
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
