import CorralModel
import Testing

@testable import ConsoleCore

/// A launch no agent can take today is shown waiting, `w` says why, and one no agent could
/// ever take is refused in the dialog at once.
@Suite struct WaitingLaunchTests {
    /// The issue's cluster: two 1-cpu agents, each running a 0.6-cpu task.
    static func agents() -> [AgentSnapshot] {
        (0..<2).map { index in
            let total = Resources([.scalar("cpus", 1), .scalar("mem", 1024)])
            return AgentSnapshot(
                info: AgentInfo(id: AgentID("S\(index)"), hostname: "node-\(index)", resources: total), id: AgentID("S\(index)"), active: true,
                registeredAt: ClusterFixture.start, total: total, used: Resources([.scalar("cpus", 0.6), .scalar("mem", 64)]), offered: Resources(),
                usage: nil, taskCount: 1, isolation: nil)
        }
    }

    static func model() -> ConsoleModel {
        var snapshot = ClusterFixture.snapshot
        snapshot.agents = agents()
        var model = ConsoleModel(now: ClusterFixture.start, themeNames: ["default"])
        _ = model.update(.cluster(snapshot, events: []))
        model.focus = .tasks
        return model
    }

    @Test func theReasonNamesTheClosestAgentAndWhatItIsShortOf() {
        let reason = LaunchFit.reason(cpus: 0.9, mem: 32, agents: Self.agents())
        #expect(reason == "no agent has 0.9 cpus and 32M free; the closest, S0, is short of 0.5 cpus until its tasks end")
        #expect(LaunchFit.reason(cpus: 0.3, mem: 32, agents: Self.agents()) == "S0 has room for it; waiting for its resources to be offered to the console")
        #expect(LaunchFit.reason(cpus: 2, mem: 32, agents: Self.agents()) == "No agent can ever hold 2 cpus and 32M (at most 1 cpus, 1G)")
        #expect(LaunchFit.reason(cpus: 0.1, mem: 32, agents: []) == "no agent is registered and active")
    }

    @Test func aWaitingLaunchShowsInTheTasksPaneAndWSaysWhy() {
        var model = Self.model()
        _ = model.update(.waitingLaunches([WaitingLaunch(taskID: "big-1", name: "big", cpus: 0.9, mem: 32)]))
        _ = model.update(.tick(now: model.now + 12))
        let text = ConsoleView.render(model, theme: ResolvedTheme(.builtIn, support: .none), glyphs: .unicode, width: 160, height: 48).text
        let row = text.split(separator: "\n").first { $0.contains("big-1") }
        #expect(row?.contains("WAITING") == true, "the waiting launch is not in the Tasks pane")
        #expect(row?.contains("12s") == true, "its age counts from when it started waiting")

        let data = ConsoleView.tableData(for: .tasks, model: model)
        let index = (0..<data.count).first { data.key(at: $0) == "waiting/big-1" }
        model.tables[.tasks]?.selectedIndex = index ?? 0
        model.tables[.tasks]?.selectedKey = "waiting/big-1"
        #expect(model.update(.key(.character("w"))).isEmpty)
        #expect(model.notice?.text == "big-1 waits: no agent has 0.9 cpus and 32M free; the closest, S0, is short of 0.5 cpus until its tasks end")

        _ = model.update(.waitingLaunches([]))
        let after = ConsoleView.tableData(for: .tasks, model: model)
        #expect(!(0..<after.count).contains { after.key(at: $0) == "waiting/big-1" }, "a launched task still shows waiting")
    }

    @Test func aLaunchNoAgentCouldEverTakeIsRefusedInTheDialog() {
        var model = Self.model()
        _ = model.update(.key(.character("l")))
        for character in "sleep 9" { _ = model.update(.key(.character(character))) }
        for _ in 0..<2 { _ = model.update(.key(.tab)) }
        for _ in 0..<3 { _ = model.update(.key(.backspace)) }
        _ = model.update(.key(.character("2")))
        #expect(model.update(.key(.enter)).isEmpty, "a task no agent can hold was sent to wait forever")
        guard case .launching(let form) = model.mode else {
            Issue.record("the dialog closed")
            return
        }
        #expect(form.errors == ["No agent can ever hold 2 cpus and 32M (at most 1 cpus, 1G)"])
    }
}
