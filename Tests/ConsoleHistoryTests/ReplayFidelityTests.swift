import ConsoleCore
import CorralModel
import Testing

@testable import ConsoleHistory

/// What the replay shows at a time T is what the live console showed at T: a live model is fed
/// a session as the terminal loop feeds it (the clock, then the messages, which are recorded),
/// its frames are kept, and the replay's frames at the same moments must match. The header's
/// first line (the replay's timeline) and the footer (the replay's keys) are the replay's own.
@Suite struct ReplayFidelityTests {
    let theme = ResolvedTheme(.builtIn, support: .none)
    let width = 160, height = 48

    func body(_ model: ConsoleModel) -> [Substring] {
        let lines = ConsoleView.render(model, theme: theme, glyphs: .unicode, width: width, height: height).text.split(separator: "\n", omittingEmptySubsequences: false)
        return Array(lines[1..<(lines.count - 1)])
    }

    /// The same keys for both: the Tasks pane focused, sorted, a row selected.
    func prepared(_ model: inout ConsoleModel) {
        for key in [Key.character("s"), .down, .down] { _ = model.update(.key(key)) }
    }

    @Test func replayedFramesMatchTheLiveOnesAtTheSameMoments() throws {
        let session = recordedSession(seconds: 40)
        var live = ConsoleModel(now: session[0].1 + -1, themeNames: ["default"])
        prepared(&live)
        var liveFrames: [(Time, [Substring])] = []
        var recorded: History?
        try withTemporaryDirectory { directory in
            var store = try HistoryStore(directory: directory, limits: HistoryLimits(maxAge: 3600, maxBytes: 1 << 30, keyframeInterval: 7))
            var index = 0
            while index < session.count {
                let now = session[index].1
                _ = live.update(.tick(now: now))
                while index < session.count, session[index].1 == now {
                    try store.append(session[index].0, at: now)
                    _ = live.update(session[index].0)
                    index += 1
                }
                _ = live.update(.tick(now: now))
                liveFrames.append((now, body(live)))
                // Between refreshes only the clock moves: ages and flashes.
                _ = live.update(.tick(now: now + 0.6))
                liveFrames.append((now + 0.6, body(live)))
            }
            recorded = try HistoryLoader.load(directory)
        }
        let history = try #require(recorded)

        // Played through, paused at each moment the live console drew.
        var replay = ConsoleModel(now: history.start, themeNames: ["default"])
        prepared(&replay)
        var core = ReplayCore(history: history, now: 0, paused: true)
        for message in core.advance(now: 0) { _ = replay.update(message) }
        for (time, frame) in liveFrames {
            for message in core.handle(.goTo(time), now: 0) { _ = replay.update(message) }
            #expect(body(replay) == frame, "at \(time - history.start) s")
        }
        #expect(replay.snapshot?.time == live.snapshot?.time)

        // And after jumping back to an earlier moment (fed again from the start: the warm-up
        // covers this whole session).
        for (time, frame) in liveFrames.filter({ $0.0 < history.start + 20 }).suffix(3) {
            for message in core.handle(.goTo(time), now: 0) { _ = replay.update(message) }
            #expect(body(replay) == frame, "back at \(time - history.start) s")
        }
    }
}
