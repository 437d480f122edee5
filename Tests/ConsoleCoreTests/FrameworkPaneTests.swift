import CorralModel
import Testing

@testable import ConsoleCore

/// The Services and Jobs panes: keys in, effects and notices out.
@Suite struct FrameworkPaneTests {
    func typing(_ text: String) -> [Key] { text.map { .character($0) } }

    func press(_ keys: [Key], on model: inout ConsoleModel) -> [ConsoleEffect] {
        keys.flatMap { model.update(.key($0)) }
    }

    /// Services focused, with the app `id` selected.
    func servicesModel(selecting id: String) -> ConsoleModel {
        var model = FrameworksFixture.model()
        model.focus = .services
        let data = ConsoleView.tableData(for: .services, model: model)
        let index = (0..<data.count).first { data.key(at: $0) == id }!
        model.tables[.services]?.selectedIndex = index
        model.tables[.services]?.selectedKey = id
        return model
    }

    @Test func plusAndMinusScaleTheSelectedAppByOne() {
        var model = servicesModel(selecting: "/web")  // wants 3
        #expect(press([.character("+")], on: &model) == [.scaleApp(id: "/web", instances: 4)])
        #expect(model.notice?.text == "Scaling /web to 4 instances")
        // Presses add up before Services reports the new count.
        #expect(press([.character("+")], on: &model) == [.scaleApp(id: "/web", instances: 5)])
        #expect(press([.character("-"), .character("-"), .character("-")], on: &model).last == .scaleApp(id: "/web", instances: 2))
    }

    @Test func minusStopsAtZeroInstances() {
        var model = servicesModel(selecting: "/worker")  // wants 1
        #expect(press([.character("-")], on: &model) == [.scaleApp(id: "/worker", instances: 0)])
        #expect(model.notice?.text == "Scaling /worker to 0 instances")
        #expect(press([.character("-")], on: &model).isEmpty)
        #expect(model.notice == ConsoleModel.Notice(text: "/worker is already scaled to 0 instances", isError: true, at: model.now))
        #expect(press([.character("+")], on: &model) == [.scaleApp(id: "/worker", instances: 1)])
    }

    @Test func scalingOutsideTheServicesPaneExplains() {
        var model = FrameworksFixture.model()  // Tasks focused
        #expect(press([.character("+")], on: &model).isEmpty)
        #expect(model.notice?.text == "Select an app in the Services pane to scale it")
    }

    @Test func newAppDialogOpensWithTheCursorInTheIDAndDefaults() {
        var model = servicesModel(selecting: "/web")
        _ = press([.character("n")], on: &model)
        guard case .creatingApp(let form) = model.mode else { Issue.record("no dialog: \(model.mode)"); return }
        #expect(form.focused == .id)
        #expect(form[.cpus] == "0.1" && form[.mem] == "32" && form[.instances] == "1" && form[.healthCommand] == "")
    }

    @Test func newAppWithValidInputCreatesTheApp() {
        var model = servicesModel(selecting: "/web")
        let keys: [Key] = [.character("n")] + typing("/shop/cart") + [.tab] + typing("./cart --port $PORT0") + [.tab, .control("u")] + typing("0.5")
            + [.tab, .control("u")] + typing("128") + [.tab, .control("u")] + typing("2") + [.tab] + typing("curl -f localhost:$PORT0") + [.enter]
        let spec = NewAppSpec(id: "/shop/cart", command: "./cart --port $PORT0", cpus: 0.5, mem: 128, instances: 2, healthCommand: "curl -f localhost:$PORT0")
        #expect(press(keys, on: &model) == [.createApp(spec)])
        #expect(model.mode == .normal)
        #expect(model.notice?.text == "Creating /shop/cart: 2 × (0.5 cpu, 128M)")
    }

    @Test func newAppIDWithoutALeadingSlashGetsOneAndNoHealthCheckIsNil() {
        var model = servicesModel(selecting: "/web")
        let effects = press([.character("n")] + typing("cache") + [.tab] + typing("redis-server") + [.enter], on: &model)
        #expect(effects == [.createApp(NewAppSpec(id: "/cache", command: "redis-server", cpus: 0.1, mem: 32, instances: 1, healthCommand: nil))])
    }

    @Test func invalidNewAppStaysInTheDialogWithTheProblems() {
        var model = servicesModel(selecting: "/web")
        let keys: [Key] = [.character("n")] + typing("/Web_1") + [.tab, .tab, .control("u")] + typing("0") + [.tab, .control("u")] + typing("lots")
            + [.tab, .control("u")] + typing("-1") + [.enter]
        #expect(press(keys, on: &model).isEmpty)
        guard case .creatingApp(let form) = model.mode else { Issue.record("dialog closed"); return }
        #expect(form.errors == [
            "ID: 'Web_1' may have only lowercase letters, digits, '-' and '.'",
            "Command: enter a shell command to keep running",
            "CPUs: '0' is not a positive number",
            "Memory: 'lots' is not a positive number of MB",
            "Instances: '-1' is not a whole number from 0 to 1000",
        ])
        #expect(press([.escape], on: &model).isEmpty)
        #expect(model.mode == .normal)
    }

    @Test func newAppRefusesAnIDThatExists() {
        var model = servicesModel(selecting: "/web")
        _ = press([.character("n")] + typing("/web") + [.tab] + typing("serve") + [.enter], on: &model)
        guard case .creatingApp(let form) = model.mode else { Issue.record("dialog closed"); return }
        #expect(form.errors == ["ID: /web exists already"])
    }

    @Test func appIDsArePathsOfLowercaseSegments() {
        #expect(NewAppForm.appPath("/a/b-c/d.e1") == .success("/a/b-c/d.e1"))
        #expect(NewAppForm.appPath("web") == .success("/web"))
        #expect(NewAppForm.appPath("") == .failure(AppIDProblem("enter a path like /web")))
        #expect(NewAppForm.appPath("/web//api") == .failure(AppIDProblem("'/web//api' has an empty segment; write it like /web or /shop/api")))
        #expect(NewAppForm.appPath("/web/") == .failure(AppIDProblem("'/web/' has an empty segment; write it like /web or /shop/api")))
        #expect(NewAppForm.appPath("/-web") == .failure(AppIDProblem("'-web' must not start or end with '-' or '.'")))
        #expect(NewAppForm.appPath("/Web") == .failure(AppIDProblem("'Web' may have only lowercase letters, digits, '-' and '.'")))
        #expect(NewAppForm.appPath("/..") == .failure(AppIDProblem("'..' must not start or end with '-' or '.'")))
    }

    @Test func rRunsTheSelectedJobNow() {
        var model = FrameworksFixture.model()
        model.focus = .jobs  // sorted by name: backup first
        #expect(press([.character("r")], on: &model) == [.runJob(name: "backup")])
        #expect(model.notice?.text == "Running backup now")
        #expect(press([.down, .character("r")], on: &model) == [.runJob(name: "cleanup")])
    }

    @Test func runOutsideTheJobsPaneExplains() {
        var model = FrameworksFixture.model()
        #expect(press([.character("r")], on: &model).isEmpty)
        #expect(model.notice?.text == "Select a job in the Jobs pane to run it")
    }

    @Test func keysOnAFrameworkThatIsNotRunningExplain() {
        var model = ClusterFixture.model()  // no .frameworks message yet: neither runs
        model.focus = .services
        for key in ["+", "-", "n"] {
            #expect(press([.character(Character(key))], on: &model).isEmpty)
            #expect(model.notice == ConsoleModel.Notice(text: "Services are not running — start corral services", isError: true, at: model.now))
            #expect(model.mode == .normal)
        }
        #expect(press([.enter], on: &model).isEmpty)
        #expect(model.detail == nil)
        model.focus = .jobs
        #expect(press([.character("r")], on: &model).isEmpty)
        #expect(model.notice?.text == "Jobs are not running — start corral jobs")
        #expect(press([.enter], on: &model).isEmpty)
        #expect(model.notice?.text == "Jobs are not running — start corral jobs")
        #expect(model.detail == nil)
    }

    @Test func oneFrameworkRunningWithoutTheOther() {
        var model = ClusterFixture.model()
        _ = model.update(.frameworks(services: nil, jobs: FrameworksFixture.jobs))
        model.focus = .jobs
        #expect(press([.character("r")], on: &model) == [.runJob(name: "backup")])
        #expect(press([.character("n")], on: &model).isEmpty)
        #expect(model.notice?.text == "Services are not running — start corral services")
    }

    @Test func enterOnAnAppShowsItsDetailsWhereItScales() {
        var model = servicesModel(selecting: "/shop/api")
        #expect(press([.enter], on: &model).isEmpty)
        #expect(model.detail == .service("/shop/api"))
        #expect(press([.character("+")], on: &model) == [.scaleApp(id: "/shop/api", instances: 4)])
        #expect(press([.escape], on: &model).isEmpty)
        #expect(model.detail == nil)
    }

    @Test func enterOnAJobShowsItsHistoryWhereItRuns() {
        var model = FrameworksFixture.model()
        model.focus = .jobs
        _ = press([.down, .down, .down], on: &model)  // backup, cleanup, etl, report
        #expect(press([.enter], on: &model).isEmpty)
        #expect(model.detail == .job("report"))
        #expect(press([.character("r")], on: &model) == [.runJob(name: "report")])
    }

    @Test func servicesAndJobsFilterAndSortLikeOtherTables() {
        var model = FrameworksFixture.model()
        model.focus = .services
        _ = press([.character("/")] + typing("shop") + [.enter], on: &model)
        #expect(ConsoleView.tableData(for: .services, model: model).count == 2)
        _ = press([.escape, .character("s")], on: &model)  // App → Status: apps that need a look first
        let data = ConsoleView.tableData(for: .services, model: model)
        #expect((0..<data.count).map(data.key(at:)) == ["/shop/search", "/worker", "/shop/api", "/web", "/legacy"])
    }

    @Test func pauseHoldsFrameworkUpdatesToo() {
        var model = FrameworksFixture.model()
        _ = press([.character("p")], on: &model)
        _ = model.update(.frameworks(services: [], jobs: nil))
        #expect(model.services?.count == 5)
        _ = press([.character("p")], on: &model)
        #expect(model.services == [])
        #expect(model.jobs == nil)
    }
}
