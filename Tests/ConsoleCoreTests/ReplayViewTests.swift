import CorralModel
import Testing

@testable import ConsoleCore

/// A replay's screen: the timeline in the header, the replay's keys in the footer, the
/// go-to-time dialog.
@Suite struct ReplayViewTests {
    let theme = ResolvedTheme(.builtIn, support: .none)

    func render(_ model: ConsoleModel) -> String {
        ConsoleView.render(model, theme: theme, glyphs: .unicode, width: 160, height: 48).text
    }

    func replaying(paused: Bool, goingTo: String? = nil) -> ConsoleModel {
        var model = ClusterFixture.model()
        model.source = "/tmp/corral"
        let timeline = ReplayTimeline(
            start: ClusterFixture.start, end: ClusterFixture.start + 600, position: ClusterFixture.now, speed: 2, paused: paused, goingTo: goingTo)
        _ = model.update(.replay(timeline))
        return model
    }

    @Test func theHeaderShowsWhereTheReplayIs() throws {
        let frame = render(replaying(paused: true))
        try GoldenFrame.check(frame, named: "replay-paused")
        let header = String(frame.split(separator: "\n")[0])
        #expect(header.contains("PAUSED"))
        #expect(header.contains("10:02:05"))
        #expect(header.contains("2m05s of 10m00s · 2× · replay of /tmp/corral"))
        #expect(frame.split(separator: "\n").last?.contains("Space play") == true)
    }

    @Test func playingAndTheGoToDialog() throws {
        #expect(render(replaying(paused: false)).split(separator: "\n")[0].contains("▶ PLAYING"))
        let frame = render(replaying(paused: true, goingTo: "-2m"))
        try GoldenFrame.check(frame, named: "replay-go-to")
        #expect(frame.contains("Go to time"))
        #expect(frame.contains("-2m_"))
    }

    @Test func aRewindForgetsTheClusterButNotTheUsersChoices() {
        var model = replaying(paused: true)
        model.focus = .agents
        _ = model.update(.rewind)
        #expect(model.snapshot == nil)
        #expect(model.log.isEmpty)
        #expect(model.focus == .agents)
        #expect(model.replay != nil)
    }
}
