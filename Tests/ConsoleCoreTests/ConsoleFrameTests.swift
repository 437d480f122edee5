import CorralModel
import Testing

@testable import ConsoleCore

/// The console's screens as a person sees them, at 160×48 unless a test says otherwise.
@Suite struct ConsoleFrameTests {
    let theme = ResolvedTheme()

    func render(_ model: ConsoleModel, width: Int = 160, height: Int = 48, glyphs: Glyphs = .unicode) -> CellBuffer {
        ConsoleView.render(model, theme: theme, glyphs: glyphs, width: width, height: height)
    }

    func press(_ keys: [Key], on model: inout ConsoleModel) -> [ConsoleEffect] {
        keys.flatMap { model.update(.key($0)) }
    }

    @Test func overviewShowsEveryPane() throws {
        try GoldenFrame.check(render(ClusterFixture.model()).text, named: "overview")
    }

    @Test func eachPaneWhenFocusedWithASelection() throws {
        for pane in Pane.allCases {
            var model = ClusterFixture.model()
            while model.focus != pane { _ = model.update(.key(.tab)) }
            _ = press([.down], on: &model)
            try GoldenFrame.check(render(model).text, named: "pane-\(pane.rawValue.lowercased())")
        }
    }

    @Test func launchDialogOpensWithTheCursorInTheCommandAndDefaultsElsewhere() throws {
        var model = ClusterFixture.model()
        _ = press([.character("l")] + "sleep 600".map { .character($0) }, on: &model)
        try GoldenFrame.check(render(model).text, named: "launch-dialog")
    }

    @Test func launchDialogShowsErrorsInside() throws {
        var model = ClusterFixture.model()
        _ = press([.character("l"), .tab, .tab, .control("u"), .character("x"), .enter], on: &model)
        try GoldenFrame.check(render(model).text, named: "launch-dialog-errors")
    }

    @Test func helpOverlayListsTheKeys() throws {
        var model = ClusterFixture.model()
        _ = press([.character("?")], on: &model)
        try GoldenFrame.check(render(model).text, named: "help")
    }

    @Test func killConfirmationDefaultsToCancel() throws {
        var model = ClusterFixture.model()
        _ = press([.down], on: &model)
        _ = press([.character("x")], on: &model)
        try GoldenFrame.check(render(model).text, named: "kill-confirmation")
    }

    @Test func taskDetailsShowHistoryAndSandboxOutput() throws {
        var model = ClusterFixture.model()
        let effects = press([.enter], on: &model)
        guard case .followSandbox(let key?, _)? = effects.first else { Issue.record("no follow effect: \(effects)"); return }
        _ = model.update(.sandbox(key, stdout: "listening on :31000\nGET / 200\n", stderr: "warning: cache cold\n"))
        try GoldenFrame.check(render(model).text, named: "task-details")
    }

    @Test func tinyTerminalSaysWhatSizeItNeeds() throws {
        try GoldenFrame.check(render(ClusterFixture.model(), width: 60, height: 16).text, named: "tiny")
    }

    @Test func asciiGlyphsInANonUTF8Locale() throws {
        try GoldenFrame.check(render(ClusterFixture.model(), width: 120, height: 36, glyphs: .ascii).text, named: "ascii")
    }
}
