import ConsoleCore
import CorralModel
import Testing

@testable import ConsoleHistory

/// The replay's screen, as `corral replay` and a tour's replay step use it: it starts where it
/// is asked, the replay's keys move it, the tour's keys are left to the live console, and what
/// would change the cluster is refused.
@Suite struct ReplayScreenTests {
    static let tour = "title T\nstep First\nsay One.\nstep Replay\nsay Again.\ndo replay\n"

    @Test func aTourReplayStartsWhereAskedAndItsKeysWork() throws {
        let history = try withTemporaryDirectory { directory in
            try writeHistory(recordedSession(seconds: 40), to: directory)
            return try HistoryLoader.loadReplayable(directory)
        }
        var live = ConsoleModel(now: history.end, themeNames: ["default"])
        _ = live.start(try TourParser.parse(Self.tour))
        _ = live.update(.key(.character(" ")))
        let start = history.start
        var screen = ReplayScreen(history: history, model: live.replayingOwnHistory(source: "history"), now: 0, from: start + 10)
        #expect(screen.model.replay?.position == start + 10)
        #expect(try #require(screen.model.snapshot?.time) <= start + 10)
        #expect(screen.model.tour?.index == 1)

        #expect(screen.yieldsToTour(.character(" ")) && screen.yieldsToTour(.right) && screen.yieldsToTour(.left))
        #expect(!screen.yieldsToTour(.character("p")))
        _ = screen.key(.character("p"), now: 0)
        #expect(screen.core.paused)
        _ = screen.key(.character("]"), now: 0)
        #expect(screen.model.replay?.position == start + 20)
        _ = screen.key(.character(","), now: 0)
        #expect(try #require(screen.model.replay?.position) < start + 20)
        _ = screen.key(.character("g"), now: 0)
        #expect(!screen.yieldsToTour(.left))  // typing a time
        _ = screen.key(.escape, now: 0)
        #expect(screen.key(.character("x"), now: 0).isEmpty)
        #expect(screen.model.notice?.text == ReplayCore.readOnly)
        #expect(screen.key(.character("q"), now: 0) == [.quit])
    }

    @Test func anEmptyHistoryIsNotReplayable() throws {
        try withTemporaryDirectory { directory in
            try writeHistory([], to: directory)
            #expect(throws: HistoryFormatError.self) { try HistoryLoader.loadReplayable(directory) }
        }
    }
}
