import ConsoleCore
import CorralModel

/// A console's model driven by a replay: what `corral replay` shows, and what a tour's replay
/// step shows inside the live console. A key goes to the replay first (its own keys), then to
/// the model; the replay's messages are fed as they fall due; the model's effects are answered
/// from the history (read-only). Pure: the time (seconds of a monotonic clock) is an input, and
/// what only the terminal can do (quit, save the screen) is handed back.
public struct ReplayScreen: Sendable {
    public private(set) var model: ConsoleModel
    public private(set) var core: ReplayCore

    /// Opens `history` on `model`, playing from the history's start or from `from`.
    public init(history: History, model: ConsoleModel, now: Double, from: Time? = nil) {
        self.model = model
        core = ReplayCore(history: history, now: now)
        let first = from.map { core.handle(.goTo($0), now: now) } ?? core.advance(now: now)
        _ = feed(first)
    }

    /// When the replay next has something to feed; nil while paused.
    public var nextDeadline: Double? { core.nextDeadline() }

    /// Whether `key` moves the tour shown over the replay (Space, → or ←, no dialog open):
    /// the live console takes it, and the replay ends.
    public func yieldsToTour(_ key: Key) -> Bool { core.goingTo == nil && model.takesTourKey(key) }

    /// A key: the replay's, unless the model is typing into a dialog or a filter, else the
    /// model's. Returns what only the terminal can do.
    public mutating func key(_ key: Key, now: Double) -> [ConsoleEffect] {
        if model.mode == .normal, let replayed = core.handle(key, now: now) { return feed(replayed) }
        return perform(model.update(.key(key)))
    }

    /// Feeds what fell due by `now`; true when the model changed.
    public mutating func advance(now: Double) -> Bool {
        let messages = core.advance(now: now)
        guard !messages.isEmpty else { return false }
        _ = feed(messages)
        return true
    }

    /// Tells the model what the terminal did (a saved screen's notice).
    public mutating func tell(_ message: ConsoleMessage) { _ = model.update(message) }

    private mutating func feed(_ messages: [ConsoleMessage]) -> [ConsoleEffect] {
        var produced: [ConsoleEffect] = []
        for message in messages { produced += model.update(message) }
        // A jump back forgot the answer of an open Why view: the one recorded by then.
        if messages.contains(where: { if case .rewind = $0 { true } else { false } }), let why = model.why {
            produced.append(.explain(why.subject))
        }
        return perform(produced)
    }

    /// Answers the model's effects from the history at once; returns quit and save-screen.
    private mutating func perform(_ effects: [ConsoleEffect]) -> [ConsoleEffect] {
        var left: [ConsoleEffect] = []
        for effect in effects {
            if effect == .quit || effect == .saveScreen {
                left.append(effect)
                continue
            }
            for answer in core.perform(effect) { _ = model.update(answer) }
        }
        return left
    }
}
