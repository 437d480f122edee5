import ConsoleCore
import CorralModel
import Testing

@testable import ConsoleHistory

/// The replay on virtual time: `now` is whatever the test says, so nothing sleeps.
@Suite struct ReplayCoreTests {
    let history: History
    let start: Time

    init() throws {
        var loaded: History?
        try withTemporaryDirectory { directory in
            try writeHistory(recordedSession(seconds: 30), to: directory)
            loaded = try HistoryLoader.load(directory)
        }
        history = try #require(loaded)
        start = history.start
    }

    func refreshes(_ messages: [ConsoleMessage]) -> [Time] {
        messages.compactMap { if case .cluster(let snapshot, _) = $0 { snapshot.time } else { nil } }
    }

    @Test func playingFeedsEachRefreshWhenItsTimeComes() throws {
        var core = ReplayCore(history: history, now: 100)
        #expect(refreshes(core.advance(now: 100)).count == 1)
        #expect(refreshes(core.advance(now: 104.5)).count == 4)
        #expect(core.position == start + 4.5)
        // The next whole second of the clock shown (the header's), before the next refresh.
        let deadline = try #require(core.nextDeadline())
        #expect(deadline > 104.5 && deadline <= 105)
    }

    @Test func theSpeedScalesHowFastTheHistoryMoves() {
        var core = ReplayCore(history: history, now: 0)
        _ = core.advance(now: 0)
        _ = core.handle(.faster, now: 0)
        _ = core.handle(.faster, now: 0)
        #expect(core.speed == 4)
        #expect(refreshes(core.advance(now: 2)).count == 8)
        for _ in 0..<10 { _ = core.handle(.faster, now: 2) }
        #expect(core.speed == 16)
        for _ in 0..<10 { _ = core.handle(.slower, now: 2) }
        #expect(core.speed == 0.25)
    }

    @Test func pausedNothingMovesAndThereIsNoDeadline() {
        var core = ReplayCore(history: history, now: 0)
        _ = core.advance(now: 0)
        _ = core.handle(.togglePause, now: 3)
        #expect(core.paused)
        #expect(core.nextDeadline() == nil)
        #expect(core.advance(now: 50).isEmpty)
        #expect(core.position == start + 3)
        _ = core.handle(.togglePause, now: 50)
        #expect(refreshes(core.advance(now: 52)).count == 2)
    }

    @Test func stepsMoveOneRefreshAndPause() throws {
        var core = ReplayCore(history: history, now: 0)
        _ = core.advance(now: 0)
        _ = core.advance(now: 10)
        let forward = core.handle(.step(forward: true), now: 10)
        #expect(core.paused)
        #expect(refreshes(forward).count == 1)
        let shown = core.position
        let back = core.handle(.step(forward: false), now: 10)
        #expect(back.first.map { if case .rewind = $0 { true } else { false } } == true)
        #expect(try #require(refreshes(back).last) == shown + -1 + -0.3)
        #expect(core.position == shown + -1)
    }

    @Test func aJumpBackFeedsTheHistoryAgainFromAKeyframe() throws {
        var core = ReplayCore(history: history, now: 0, warmup: 5)
        _ = core.advance(now: 0)
        _ = core.advance(now: 25)
        let messages = core.handle(.jump(seconds: -10), now: 25)
        #expect(core.position == start + 15)
        let fed = refreshes(messages)
        // From the keyframe at or before 15 - 5 s: records are written every 5 s.
        #expect(try #require(fed.first) <= start + 10)
        #expect(try #require(fed.last) <= start + 15)
        let keyframes = history.keyframes.map { history.entries[$0].time }
        #expect(keyframes.contains { $0 + -0.3 == fed.first })
    }

    /// The second time, the keyframe before the moment is the one kept from the first.
    @Test func aJumpBackToAMomentShownBeforeFeedsWhatItFedThen() throws {
        func clusters(_ messages: [ConsoleMessage]) -> [(ClusterSnapshot, [ClusterEvent])] {
            messages.compactMap { if case .cluster(let snapshot, let events) = $0 { (snapshot, events) } else { nil } }
        }
        var core = ReplayCore(history: history, now: 0, paused: true, warmup: 5)
        _ = core.advance(now: 0)
        let first = clusters(core.handle(.goTo(start + 17.5), now: 0))
        _ = core.handle(.goTo(start + 3), now: 0)
        let again = clusters(core.handle(.goTo(start + 17.5), now: 0))
        #expect(again.count == first.count)
        #expect(again.map(\.0) == first.map(\.0))
        #expect(again.map(\.1) == first.map(\.1))
        #expect(try #require(again.last).0.tasks.count > 0)
    }

    @Test func jumpsStopAtTheEndsOfTheHistory() {
        var core = ReplayCore(history: history, now: 0)
        _ = core.advance(now: 0)
        _ = core.handle(.jump(seconds: -60), now: 0)
        #expect(core.position == start)
        _ = core.handle(.jump(seconds: 600), now: 0)
        #expect(core.position == history.end)
        _ = core.advance(now: 1)
        #expect(core.paused)
        #expect(core.timeline.fraction == 1)
    }

    @Test func keysMapToCommandsAndTheGoToDialog() throws {
        var core = ReplayCore(history: history, now: 0)
        _ = core.advance(now: 0)
        let toggled = core.handle(.character(" "), now: 0)
        #expect(toggled != nil)
        #expect(core.paused)
        let quit = core.handle(.character("q"), now: 0), tab = core.handle(.tab, now: 0)
        #expect(quit == nil && tab == nil)
        _ = core.handle(.character("}"), now: 0)
        #expect(core.position == history.end)  // 30 refreshes a second apart: the end
        _ = core.handle(.character("g"), now: 0)
        for character in "-20s" { _ = core.handle(.character(character), now: 0) }
        #expect(core.timeline.goingTo == "-20s")
        _ = core.handle(.enter, now: 0)
        #expect(core.timeline.goingTo == nil)
        #expect(core.position == history.end + -20)
        let handled = core.handle(.character("x"), now: 0)
        let refused = try #require(handled)
        #expect(refused.contains { if case .notice(let text, true) = $0 { text.hasPrefix("replay is read-only") } else { false } })
    }

    @Test func goToUnderstandsTimesOfDayAndSteps() {
        let start = Time(seconds: 1_764_064_800)  // 10:00:00 UTC
        #expect(GoToTime.parse("10:05", position: start, start: start) == start + 300)
        #expect(GoToTime.parse("10:05:30", position: start, start: start) == start + 330)
        #expect(GoToTime.parse("09:00", position: start, start: start) == start + 23 * 3600)
        #expect(GoToTime.parse("+90", position: start, start: start) == start + 90)
        #expect(GoToTime.parse("-2m", position: start + 300, start: start) == start + 180)
        #expect(GoToTime.parse("+1.5h", position: start, start: start) == start + 5400)
        for bad in ["", "25:00", "10:61", "+", "+x", "+1e99", "1:2:3:4", "-inf"] { #expect(GoToTime.parse(bad, position: start, start: start) == nil) }
    }

    @Test func whyGetsTheRecordedAnswerOrSaysItWasNotRecorded() {
        func answer(_ messages: [ConsoleMessage]) -> Why? {
            if case .explanation(.offer("O-5"), let why)? = messages.first { return why }
            return nil
        }
        var core = ReplayCore(history: history, now: 0)
        _ = core.advance(now: 0)
        _ = core.advance(now: 2)
        #expect(answer(core.perform(.explain(.offer("O-5")))) == .unavailable(ReplayCore.notRecorded))
        _ = core.advance(now: 8)
        #expect(answer(core.perform(.explain(.offer("O-5")))) == .unavailable("Offer O-5 is no longer outstanding."))
        let refused = core.perform(.kill(TaskKey("f", "t"), agentID: "a"))
        #expect(refused.count == 1)
        if case .notice(let text, let isError)? = refused.first {
            #expect(text == ReplayCore.readOnly && isError)
        }
    }
}
