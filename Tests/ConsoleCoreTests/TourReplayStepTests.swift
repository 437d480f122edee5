import CorralModel
import Testing

@testable import ConsoleCore

/// A tour's replay step: the model asks for a replay of its own history, from the tour's start
/// or some seconds ago, on every visit; the tour keys stay the tour's; the caption never hides
/// the pane a step points at, and refuses to be longer than it can show.
@Suite struct TourReplayStepTests {
    static let text = """
        title Replayed
        step First
        focus tasks
        say Something happens.
        do framework name=A task=cpus:1 count=1
        step Replay
        focus events
        say What you saw, again.
        do replay
        step Last minute
        say The last minute.
        do replay seconds=60
        """

    @Test func theReplayStepAsksForAReplayFromTheTourStartOnEveryVisit() throws {
        var model = ClusterFixture.model()
        let tour = try TourParser.parse(Self.text)
        #expect(tour.steps[1].actions == [.replay(seconds: nil)])
        let started = model.now
        #expect(model.start(tour) == [.tour(tour.steps[0].actions)])
        _ = model.update(.tick(now: started + 40))
        #expect(model.update(.key(.character(" "))) == [.replay(from: started)])
        #expect(model.focus == .events)
        #expect(model.update(.key(.right)) == [.replay(from: started + 40 + -60)])
        #expect(model.update(.key(.left)) == [.replay(from: started)])  // it changes nothing: again
        #expect(model.update(.key(.left)).isEmpty)  // the first step's framework starts once only
    }

    @Test func onlySpaceAndTheArrowsWithNoDialogOpenAreTheTours() throws {
        var model = ClusterFixture.model()
        #expect(!model.takesTourKey(.character(" ")))
        _ = model.start(try TourParser.parse(Self.text))
        #expect(model.takesTourKey(.character(" ")) && model.takesTourKey(.right) && model.takesTourKey(.left))
        #expect(!model.takesTourKey(.character("p")))
        _ = model.update(.key(.character("?")))
        #expect(!model.takesTourKey(.right))
    }

    /// The row of the caption's top border.
    func captionRow(_ model: ConsoleModel) -> Int? {
        let text = ConsoleView.render(model, theme: ResolvedTheme(.builtIn, support: .none), glyphs: .unicode, width: 160, height: 48).text
        return text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Replayed: step") }
    }

    @Test func aStepOnTheEventsPaneHasItsCaptionAboveThePanes() throws {
        var model = ClusterFixture.model()
        _ = model.start(try TourParser.parse(Self.text))
        let body = Rect(x: 0, y: 3, width: 160, height: 44)
        let events = try #require(ConsoleView.layout(body, compactFrameworks: model.services == nil && model.jobs == nil).first { $0.0 == .events }?.1)
        // Tasks focused: at the foot, over the Events pane's rows.
        #expect(try #require(captionRow(model)) >= events.minY)
        _ = model.update(.key(.character(" ")))
        #expect(model.focus == .events)
        // One line of caption in a box of four: all of it above the Events pane.
        #expect(try #require(captionRow(model)) + 4 <= events.minY)
    }

    @Test func aCaptionLongerThanFourLinesIsRefusedNamingItsLine() {
        let long = String(repeating: "word ", count: 60)
        do {
            _ = try TourParser.parse("step A\nsay short\nsay \(long)\n")
            Issue.record("a caption of five lines was read")
        } catch {
            #expect(error.description.hasPrefix("line 3: the caption of step 'A' takes 5 lines on an 80-column screen"), "\(error)")
        }
    }

    @Test func theReplayStepOverItsReplay() throws {
        var live = ClusterFixture.model()
        _ = live.start(try TourParser.parse(Self.text))
        _ = live.update(.key(.character(" ")))
        var model = live.replayingOwnHistory(source: "/tmp/corral/tour/history")
        #expect(model.snapshot == nil && model.log.isEmpty && model.tour?.index == 1)
        var earlier = ClusterFixture.snapshot
        earlier.tasks.removeLast()
        _ = model.update(.cluster(earlier, events: ClusterFixture.events))
        _ = model.update(.replay(ReplayTimeline(start: ClusterFixture.start, end: ClusterFixture.now + 60, position: ClusterFixture.now, speed: 1, paused: false)))
        _ = model.update(.tick(now: ClusterFixture.now))
        let frame = ConsoleView.render(model, theme: ResolvedTheme(.builtIn, support: .none), glyphs: .unicode, width: 160, height: 48).text
        try GoldenFrame.check(frame, named: "tour-replay")
        let lines = frame.split(separator: "\n")
        #expect(lines[0].contains("PLAYING") && lines[0].contains("replay of /tmp/corral/tour/history"))
        #expect(frame.contains("Replayed: step 2 of 3, Replay"))
        #expect(lines.last?.contains("p pause") == true && lines.last?.contains("Space ← → live") == true)
    }
}
