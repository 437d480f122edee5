import CorralModel
import Testing

@testable import ConsoleCore

/// Keys in, effects out: the console's behaviour without a terminal.
@Suite struct ConsoleModelTests {
    func typing(_ text: String) -> [Key] { text.map { .character($0) } }

    func press(_ keys: [Key], on model: inout ConsoleModel) -> [ConsoleEffect] {
        keys.flatMap { model.update(.key($0)) }
    }

    @Test func launchIsL_aCommand_Enter() {
        var model = ClusterFixture.model()
        let effects = press([.character("l")] + typing("sleep 600") + [.enter], on: &model)
        #expect(effects == [.launch(LaunchSpec(name: "sleep", command: "sleep 600", cpus: 0.1, mem: 32, instances: 1))])
        #expect(model.mode == .normal)
    }

    @Test func launchDialogFieldsAreEditable() {
        var model = ClusterFixture.model()
        let keys: [Key] = [.character("l")] + typing("./serve") + [.tab] + typing("api") + [.tab, .control("u")] + typing("0.5")
            + [.tab, .backspace, .backspace] + typing("128") + [.tab, .control("u")] + typing("3") + [.enter]
        #expect(press(keys, on: &model) == [.launch(LaunchSpec(name: "api", command: "./serve", cpus: 0.5, mem: 128, instances: 3))])
    }

    @Test func invalidLaunchStaysInTheDialogWithTheProblems() {
        var model = ClusterFixture.model()
        let effects = press([.character("l"), .tab, .tab, .control("u")] + typing("lots") + [.enter], on: &model)
        #expect(effects.isEmpty)
        guard case .launching(let form) = model.mode else { Issue.record("dialog closed"); return }
        #expect(form.errors == ["Command: enter a shell command to run", "CPUs: 'lots' is not a positive number"])
        #expect(press([.escape], on: &model).isEmpty)
        #expect(model.mode == .normal)
    }

    @Test func killAsksFirstAndCancelIsTheDefault() {
        var model = ClusterFixture.model()  // Tasks is focused; the youngest task (etl-7) is selected
        #expect(press([.character("x")], on: &model).isEmpty)
        guard case .confirmingKill(let key, _, false) = model.mode else { Issue.record("no confirmation: \(model.mode)"); return }
        #expect(key == TaskKey(ClusterFixture.batch, "etl-7"))
        #expect(press([.enter], on: &model).isEmpty)  // Cancel
        #expect(model.mode == .normal)

        #expect(press([.character("x"), .character("y")], on: &model) == [.kill(key, agentID: ClusterFixture.agentID(0))])
        #expect(press([.character("x"), .right, .enter], on: &model) == [.kill(key, agentID: ClusterFixture.agentID(0))])
        #expect(press([.character("x"), .escape], on: &model).isEmpty)
    }

    @Test func killOfAnEndedTaskExplainsInsteadOfAsking() {
        var model = ClusterFixture.model()
        _ = press([.down, .down], on: &model)  // etl-6, FAILED
        #expect(press([.character("x")], on: &model).isEmpty)
        #expect(model.mode == .normal)
        #expect(model.notice?.text == "Task etl-6 has already ended (FAILED)")
    }

    @Test func killFromTaskDetails() {
        var model = ClusterFixture.model()
        _ = press([.enter], on: &model)
        #expect(model.detail == .task(TaskKey(ClusterFixture.batch, "etl-7")))
        #expect(press([.character("x"), .character("y")], on: &model) == [.kill(TaskKey(ClusterFixture.batch, "etl-7"), agentID: ClusterFixture.agentID(0))])
        #expect(press([.escape], on: &model) == [.followSandbox(nil, agentID: nil)])
        #expect(model.detail == nil)
    }

    @Test func filterNarrowsTheFocusedTable() {
        var model = ClusterFixture.model()
        _ = press([.character("/")] + typing("web") + [.enter], on: &model)
        #expect(ConsoleView.tableData(for: .tasks, model: model).count == 3)
        _ = press([.escape], on: &model)
        #expect(ConsoleView.tableData(for: .tasks, model: model).count == 6)
    }

    @Test func sortCyclesThroughSortableColumns() {
        var model = ClusterFixture.model()
        _ = press([.backTab, .backTab, .backTab], on: &model)  // Tasks → … → Events (wrapping): Time, Event (not sortable)
        #expect(model.focus == .events)
        let before = model.table(.events).sortColumn
        _ = press([.character("s")], on: &model)
        #expect(model.table(.events).sortColumn == before)  // the only sortable column
        _ = press([.tab, .tab, .tab, .character("s")], on: &model)
        #expect(model.focus == .tasks)
        #expect(model.table(.tasks).sortColumn == 0)  // from Age (last) back to ID
    }

    @Test func selectionFollowsTheRowWhenTheOrderChanges() {
        var model = ClusterFixture.model()
        _ = press([.down, .down], on: &model)
        let selected = model.table(.tasks).selectedKey
        _ = press([.character("I")], on: &model)  // invert the order
        let data = ConsoleView.tableData(for: .tasks, model: model)
        #expect(data.selectedRow(model.table(.tasks)).map { data.key(at: $0) } == selected)
    }

    @Test func themeKeyCyclesThemes() {
        var model = ClusterFixture.model()
        _ = press([.character("t"), .character("t")], on: &model)
        #expect(model.themeName == "high-contrast")
        _ = press([.character("t"), .character("t")], on: &model)
        #expect(model.themeName == "default")
    }

    @Test func pauseHoldsUpdatesUntilResumed() {
        var model = ClusterFixture.model()
        _ = press([.character("p")], on: &model)
        var later = ClusterFixture.snapshot
        later.tasks = []
        _ = model.update(.cluster(later, events: []))
        #expect(model.snapshot?.tasks.count == 4)
        _ = press([.character("p")], on: &model)
        #expect(model.snapshot?.tasks.isEmpty == true)
    }

    @Test func refreshIntervalStepsWithBrackets() {
        var model = ClusterFixture.model()
        #expect(press([.character("]")], on: &model) == [.setRefreshInterval(2)])
        #expect(press([.character("["), .character("["), .character("[")], on: &model).last == .setRefreshInterval(0.25))
        #expect(press([.character("[")], on: &model) == [.setRefreshInterval(0.25)])
    }

    @Test func tabVisitsEveryPaneAndQQuits() {
        var model = ClusterFixture.model()
        var seen: [Pane] = []
        for _ in Pane.allCases {
            _ = press([.tab], on: &model)
            seen.append(model.focus)
        }
        #expect(Set(seen) == Set(Pane.allCases))
        #expect(press([.character("q")], on: &model) == [.quit])
    }

    @Test func helpClosesOnAnyKey() {
        var model = ClusterFixture.model()
        _ = press([.character("?")], on: &model)
        #expect(model.mode == .help)
        #expect(press([.character("q")], on: &model).isEmpty)  // closes help; does not quit
        #expect(model.mode == .normal)
    }

    @Test func offerFlashesFadeAfterAFewSeconds() {
        var model = ClusterFixture.model()
        #expect(model.flashes.count == 1)
        _ = model.update(.tick(now: ClusterFixture.now + 3.5))
        #expect(model.flashes.isEmpty)
    }

    @Test func capitalSAsksToSaveTheScreenAndCapitalIInvertsTheOrder() {
        var model = ClusterFixture.model()
        #expect(press([.character("S")], on: &model) == [.saveScreen])
        let before = model.table(model.focus).descending
        _ = press([.character("I")], on: &model)
        #expect(model.table(model.focus).descending != before)
    }
}
