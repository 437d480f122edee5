import CorralModel
import Testing

@testable import ConsoleCore

/// A click focuses the pane under it and selects the row drawn there; the wheel scrolls the pane
/// under the pointer. Positions come from the rendered screen, as a person would aim.
@Suite struct MouseTests {
    let theme = ResolvedTheme(.builtIn, support: .none)

    func lines(_ model: ConsoleModel) -> [String] {
        ConsoleView.render(model, theme: theme, glyphs: .unicode, width: 160, height: 48).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func click(_ action: MouseEvent.Action = .click, x: Int, y: Int, on model: inout ConsoleModel) -> [ConsoleEffect] {
        model.update(.key(.mouse(MouseEvent(action, x: x, y: y, screenWidth: 160, screenHeight: 48))))
    }

    @Test func aClickOnARowFocusesItsPaneAndSelectsIt() throws {
        var model = ClusterFixture.model()
        model.focus = .agents
        let screen = lines(model)
        let y = try #require(screen.firstIndex { $0.contains("│etl-6 ") }, "the task row is not on screen")
        #expect(click(x: 3, y: y, on: &model).isEmpty)
        #expect(model.focus == .tasks)
        #expect(model.selectedTask()?.id == "etl-6")
        // The row now shows selected where it was clicked.
        #expect(lines(model)[y].contains("etl-6"))
    }

    @Test func theWheelScrollsThePaneUnderThePointer() throws {
        var model = ClusterFixture.model()
        let screen = lines(model)
        let y = try #require(screen.firstIndex { $0.contains("│S0 ") }, "the agents pane is not on screen")
        _ = click(.wheelDown, x: 10, y: y, on: &model)
        #expect(model.focus == .agents)
        #expect(model.selectedKey(in: .agents) == ClusterFixture.agentID(2).value, "three notches down from the first of three agents is the last")
        _ = click(.wheelUp, x: 10, y: y, on: &model)
        #expect(model.selectedKey(in: .agents) == ClusterFixture.agentID(0).value)
    }

    @Test func clicksOutsideThePanesOrOnAHeaderChangeNoSelection() throws {
        var model = ClusterFixture.model()
        let before = model.selectedTask()?.id
        _ = click(x: 40, y: 0, on: &model)  // the header line
        #expect(model.focus == .tasks)
        let screen = lines(model)
        let header = try #require(screen.firstIndex { $0.contains("│ID ") }, "no table header on screen")
        _ = click(x: 3, y: header, on: &model)
        #expect(model.selectedTask()?.id == before)
    }

    @Test func aClickWhileADialogIsOpenLeavesTheDialog() {
        var model = ClusterFixture.model()
        _ = model.update(.key(.character("l")))
        _ = click(x: 3, y: 20, on: &model)
        guard case .launching = model.mode else {
            Issue.record("a click closed or changed the launch dialog: \(model.mode)")
            return
        }
    }
}
