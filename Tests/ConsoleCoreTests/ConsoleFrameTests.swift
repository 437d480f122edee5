import CorralModel
import Testing

@testable import ConsoleCore

/// The console's screens as a person sees them, at 160×48 unless a test says otherwise.
@Suite struct ConsoleFrameTests {
    let theme = ResolvedTheme(.builtIn, support: .none)

    func render(_ model: ConsoleModel, width: Int = 160, height: Int = 48, glyphs: Glyphs = .unicode) -> CellBuffer {
        ConsoleView.render(model, theme: theme, glyphs: glyphs, width: width, height: height)
    }

    func press(_ keys: [Key], on model: inout ConsoleModel) -> [ConsoleEffect] {
        keys.flatMap { model.update(.key($0)) }
    }

    /// Before Services and Jobs report (or where they do not run), their row is one line.
    @Test func overviewShowsEveryPane() throws {
        try GoldenFrame.check(render(ClusterFixture.model()).text, named: "overview")
    }

    /// The agents pane cut `localhost` to `local…` while its bars took fixed room; a host is how
    /// people tell agents apart. The first event counted "1 frameworks".
    @Test func hostnamesShowWholeAndCountsReadAsEnglish() {
        var snapshot = ClusterFixture.snapshot
        snapshot.agents[0].info.hostname = "localhost"
        snapshot.agents[1].info.hostname = "127.0.0.1"
        snapshot.agents[2].info.hostname = "agent-7.rack-12.dc"
        snapshot.frameworks.removeLast()
        var model = ConsoleModel(now: ClusterFixture.start, themeNames: ["default"])
        _ = model.update(.cluster(snapshot, events: []))
        let text = render(model).text
        for host in ["localhost ", "127.0.0.1 ", "agent-7.rack-12.dc "] {
            #expect(text.contains(host), "\(host) is not shown whole")
        }
        #expect(text.contains("Watching a cluster of 3 agents and 1 framework (master"))
        let narrow = render(model, width: 80, height: 24).text
        #expect(narrow.contains("│S0     localhost "), "at 80 columns the bars should give way to the host")
    }

    @Test func overviewWithServicesAndJobsRunning() throws {
        try GoldenFrame.check(render(FrameworksFixture.model()).text, named: "overview-frameworks")
    }

    @Test func minimumSizeKeepsEveryPane() throws {
        try GoldenFrame.check(render(FrameworksFixture.model(), width: 80, height: 24).text, named: "minimum-size")
    }

    @Test func eachPaneWhenFocusedWithASelection() throws {
        for pane in Pane.allCases {
            var model = FrameworksFixture.model()
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

    @Test func helpFitsTheMinimumSizeInTwoColumns() throws {
        var model = ClusterFixture.model()
        _ = press([.character("?")], on: &model)
        let text = render(model, width: 80, height: 24).text
        try GoldenFrame.check(text, named: "help-minimum-size")
        // What `w` does is read whole, not cut to "why: a framewo…".
        #expect(text.contains("explain the row") && text.contains("why it waits"))
    }

    @Test func newAppDialogOpensWithTheCursorInTheID() throws {
        var model = FrameworksFixture.model()
        model.focus = .services
        _ = press([.character("n")] + "/shop/cart".map { .character($0) }, on: &model)
        try GoldenFrame.check(render(model).text, named: "new-app-dialog")
    }

    @Test func newAppDialogShowsErrorsInside() throws {
        var model = FrameworksFixture.model()
        model.focus = .services
        _ = press([.character("n")] + "/Cart".map { .character($0) } + [.tab, .tab, .tab, .control("u"), .character("0"), .enter], on: &model)
        try GoldenFrame.check(render(model).text, named: "new-app-dialog-errors")
    }

    @Test func serviceDetailsShowInstancesAndDeployments() throws {
        var model = FrameworksFixture.model()
        model.focus = .services
        _ = press([.down, .enter], on: &model)  // /legacy, then /shop/api
        #expect(model.detail == .service("/shop/api"))
        try GoldenFrame.check(render(model).text, named: "service-details")
    }

    @Test func jobHistoryShowsRunsNewestFirst() throws {
        var model = FrameworksFixture.model()
        model.focus = .jobs
        _ = press([.end, .enter], on: &model)  // report
        #expect(model.detail == .job("report"))
        try GoldenFrame.check(render(model).text, named: "job-history")
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

@Suite struct ConsoleThemeFrameTests {
    static let themesDirectory = GoldenFrame.directory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path

    @Test func monochromeThemeReadsByAttributesAndGlyphsAlone() throws {
        let catalog = ThemeLoader.catalog(directory: Self.themesDirectory)
        #expect(catalog.problems.isEmpty)
        let monochrome = try #require(catalog.theme(named: "monochrome"))
        let resolved = catalog.resolved(monochrome, for: .none)
        var model = ClusterFixture.model()
        _ = model.update(.key(.down))
        let buffer = ConsoleView.render(model, theme: resolved, glyphs: .unicode, width: 160, height: 48)
        #expect(buffer.cells.allSatisfy { $0.style.foreground == .terminalDefault && $0.style.background == .terminalDefault })
        try GoldenFrame.check(GoldenFrame.attributes(buffer), named: "monochrome-attributes")
    }

    @Test func taskStatesGetTheirOwnColoursInTheDefaultTheme() throws {
        let catalog = ThemeLoader.catalog(directory: Self.themesDirectory)
        let resolved = catalog.resolved(catalog.defaultTheme, for: .full256)
        let buffer = ConsoleView.render(ClusterFixture.model(), theme: resolved, glyphs: .unicode, width: 160, height: 48)
        func colour(of word: String) -> TerminalColor? {
            for y in 0..<buffer.height {
                let line = (0..<buffer.width).map { String(buffer[$0, y].character) }.joined()
                if let range = line.range(of: " \(word) ") {
                    let x = line.distance(from: line.startIndex, to: range.lowerBound) + 1
                    return buffer[x, y].style.foreground
                }
            }
            return nil
        }
        let states = ["RUNNING", "KILLING", "FAILED", "FINISHED"].map(colour(of:))
        #expect(states.allSatisfy { $0 != nil })
        #expect(Set(states.compactMap { $0 }).count == 4)
    }
}

import Foundation
