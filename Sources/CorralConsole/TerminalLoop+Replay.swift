import ConsoleCore
import ConsoleHistory
import ConsoleTerminal
import CorralModel

/// A tour's replay step inside the live console: the console's own history, opened as
/// `corral replay` opens a history (the same `ReplayScreen`), shown in place of the live model
/// until a tour key goes on or back.
extension TerminalLoop {
    /// The history from `from` on the live model's choices and tour caption; nil, with a
    /// notice on the live model, when there is no history to replay.
    func openReplay(from: Time, over model: inout ConsoleModel, now: Double) -> ReplayScreen? {
        guard let historyDirectory else {
            _ = model.update(.notice("Nothing to replay: this console keeps no history (--no-history)", isError: true))
            return nil
        }
        do {
            let history = try HistoryLoader.loadReplayable(historyDirectory)
            return ReplayScreen(history: history, model: model.replayingOwnHistory(source: historyDirectory), now: now, from: from)
        } catch {
            _ = model.update(.notice("Cannot replay \(historyDirectory): \(error)", isError: true))
            return nil
        }
    }

    /// A key goes to the replay while one is shown, except a tour key: that ends the replay
    /// and moves the tour on the live model.
    static func route(_ key: Key, to model: inout ConsoleModel, replay: inout ReplayScreen?, now: Double) -> [ConsoleEffect] {
        guard var shown = replay, !shown.yieldsToTour(key) else {
            replay = nil
            return model.update(.key(key))
        }
        let effects = shown.key(key, now: now)
        replay = shown
        return effects
    }

    /// Hands the effects to the session, except a replay, which opens here; true when one did.
    func dispatch(_ produced: [ConsoleEffect], model: inout ConsoleModel, replay: inout ReplayScreen?, now: Double) -> Bool {
        var opened = false
        for effect in produced {
            guard case .replay(let from) = effect else {
                effects.yield(effect)
                continue
            }
            replay = openReplay(from: from, over: &model, now: now)
            opened = true
        }
        return opened
    }

    /// `S`: the screen shown, saved as SVG and text; the notice that says where.
    func saved(_ shown: ConsoleModel, size: TerminalSize, theme: Theme, glyphs: Glyphs) -> ConsoleMessage {
        let saved = screenSaver.save(shown, theme: theme, catalog: catalog, glyphs: glyphs, width: size.width, height: size.height, now: Self.now())
        return .notice(saved.text, isError: saved.isError)
    }

    /// A message of the terminal's own (a saved screen's notice), to whichever model shows.
    func tell(_ message: ConsoleMessage, to model: inout ConsoleModel, replay: inout ReplayScreen?) {
        guard var shown = replay else {
            _ = model.update(message)
            return
        }
        shown.tell(message)
        replay = shown
    }
}
