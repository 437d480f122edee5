import CorralModel
import CorralSDK
import Foundation
import Testing

@testable import CorralServices

/// Marathon's groups on the core: the tree implied by app IDs and kept on its own, relative
/// ids, updates that replace a group's apps, scaleBy's rounding, and dependency order.
@Suite struct GroupsTests {
    let now = ClusterInstant(seconds: 1_000)

    func app(_ id: String, instances: Int = 1, dependencies: [String] = []) -> AppDefinition {
        var app = AppDefinition(id: id, cmd: "serve", instances: instances)
        app.cpus = 0.5
        app.mem = 64
        app.dependencies = dependencies
        return app
    }

    func offer(_ number: Int) -> Offer {
        Offer(id: OfferID("o\(number)"), frameworkID: "services", agentID: AgentID("a1"), hostname: "h1", role: "*",
              resources: Resources([.scalar("cpus", 16), .scalar("mem", 65536)]).allocated(to: "*"))
    }

    func change(_ core: inout ServicesCore, _ update: GroupUpdate, at base: GroupID = .root, creating: Bool = false) throws {
        let plan = try core.planGroupChange(update, at: base, creating: creating)
        _ = core.apply(plan, deploymentID: "d\(core.groups.count)", now: now)
    }

    func group(_ text: String) throws -> GroupID { try GroupID(parsing: text) }

    @Test func relativeIDsAreReadInsideTheirGroup() throws {
        let web = try group("/prod/web")
        #expect(try AppID(resolving: "../db", in: web).path == "/prod/db")
        #expect(try AppID(resolving: "api", in: web).path == "/prod/web/api")
        #expect(try AppID(resolving: "./api/../cache", in: web).path == "/prod/web/cache")
        #expect(try AppID(resolving: "/other", in: web).path == "/other")
        #expect(throws: AppIDError.self) { try AppID(resolving: "../../../x", in: web) }
        #expect(try GroupID(resolving: "/", in: web) == .root)
        #expect(try GroupID(resolving: "", in: web) == web)
    }

    @Test func appIDsImplyTheirGroupsAndAKeptEmptyGroupStays() throws {
        var core = ServicesCore()
        try core.put(app("/prod/web/api"), deploymentID: "d1", now: now)
        try core.put(app("/prod/db"), deploymentID: "d2", now: now)
        try change(&core, GroupUpdate(id: "empty"), creating: true)
        let root = try #require(core.groupSnapshot(of: .root, now: now))
        #expect(root.groups.map(\.id.path) == ["/empty", "/prod"])
        let prod = try #require(root.groups.last)
        #expect(prod.apps.map(\.id.path) == ["/prod/db"])
        #expect(prod.groups.map(\.id.path) == ["/prod/web"])
        #expect(core.groupExists(try group("/empty")))
        #expect(!core.groupExists(try group("/nothing")))
        #expect(throws: ServicesError.conflict("Group /empty is already created. Use PUT to change this group.")) {
            try core.planGroupChange(GroupUpdate(id: "/empty"), at: .root, creating: true)
        }
    }

    @Test func aGroupsAppsWhenGivenAreAllItKeeps() throws {
        var core = ServicesCore()
        try change(&core, GroupUpdate(id: "/prod", apps: [app("a"), app("b", dependencies: ["a"])]), creating: true)
        #expect(core.appIDs.map(\.path) == ["/prod/a", "/prod/b"])
        #expect(core.definition(of: try AppID(parsing: "/prod/b"))?.dependencies == ["/prod/a"])
        try change(&core, GroupUpdate(dependencies: ["/other"]), at: try group("/prod"))
        #expect(core.appIDs.map(\.path) == ["/prod/a", "/prod/b"], "no apps given: the group keeps its apps")
        #expect(core.groups[try group("/prod")]?.dependencies == ["/other"])
        try change(&core, GroupUpdate(apps: [app("/prod/a", instances: 3)]), at: try group("/prod"))
        #expect(core.appIDs.map(\.path) == ["/prod/a"])
        #expect(core.definition(of: try AppID(parsing: "/prod/a"))?.instances == 3)
    }

    @Test func scaleByRoundsUpAsMarathonDoes() throws {
        var core = ServicesCore()
        let nested = GroupUpdate(id: "inner", apps: [app("c", instances: 2), app("d", instances: 0)])
        try change(&core, GroupUpdate(id: "/shop", apps: [app("a", instances: 3), app("b", instances: 1)], groups: [nested]), creating: true)
        try change(&core, GroupUpdate(scaleBy: 1.5), at: try group("/shop"))
        let counts = core.appIDs.map { core.definition(of: $0)?.instances ?? -1 }
        // ceil(3 × 1.5) = 5, ceil(1 × 1.5) = 2, ceil(2 × 1.5) = 3, 0 stays 0.
        #expect(counts == [5, 2, 3, 0])
        try change(&core, GroupUpdate(scaleBy: 0.4), at: try group("/shop/inner"))
        #expect(core.definition(of: try AppID(parsing: "/shop/inner/c"))?.instances == 2, "ceil(3 × 0.4) = ceil(1.2) = 2")
        #expect(throws: ServicesError.self) { try core.planGroupChange(GroupUpdate(scaleBy: -1), at: try group("/shop"), creating: false) }
        #expect(throws: ServicesError.self) { try core.planGroupChange(GroupUpdate(scaleBy: .infinity), at: try group("/shop"), creating: false) }
        #expect(throws: ServicesError.self) { try core.planGroupChange(GroupUpdate(scaleBy: 1e6), at: try group("/shop"), creating: false) }
        #expect(throws: ServicesError.notFound("Group '/nothing' does not exist")) {
            try core.planGroupChange(GroupUpdate(scaleBy: 2), at: try group("/nothing"), creating: false)
        }
    }

    @Test func aDependencyCycleIsRefused() throws {
        var core = ServicesCore()
        let cyclic = GroupUpdate(id: "/loop", apps: [app("a", dependencies: ["b"]), app("b", dependencies: ["../loop/a"])])
        let cycle = #expect(throws: ServicesError.self) { try core.planGroupChange(cyclic, at: .root, creating: true) }
        guard case .invalid(let invalid) = cycle else { Issue.record("not a 422: \(String(describing: cycle))"); return }
        #expect(invalid.issues.map(\.path) == ["/dependencies"] && invalid.issues[0].errors[0].contains("cyclic"))
        // Through groups: /x depends on /y, whose app depends on /x.
        let groups = GroupUpdate(id: "/top", groups: [
            GroupUpdate(id: "x", apps: [app("a")], dependencies: ["../y"]), GroupUpdate(id: "y", apps: [app("b", dependencies: ["/top/x"])]),
        ])
        #expect(throws: ServicesError.self) { try core.planGroupChange(groups, at: .root, creating: true) }
        try change(&core, GroupUpdate(id: "/ok", apps: [app("a"), app("b", dependencies: ["a"])]), creating: true)
        #expect(core.appIDs.count == 2)
    }

    @Test func stepsFollowDependencies() throws {
        let web = try AppID(parsing: "/p/web"), api = try AppID(parsing: "/p/back/api"), db = try AppID(parsing: "/p/db")
        let graph = DependencyOrder.graph(
            apps: [web: ["/p/back"], api: [], db: []], groupDependencies: [try group("/p/back"): ["/p/db"]])
        #expect(graph[web] == [api])
        #expect(graph[api] == [db])
        #expect(try DependencyOrder.steps(of: graph).get() == [[db], [api], [web]])
    }

    @Test func aDependentAppStartsAfterItsDependencyRuns() throws {
        var core = ServicesCore()
        try change(&core, GroupUpdate(id: "/p", apps: [app("web", dependencies: ["db"]), app("db")]), creating: true)
        let first = core.offers([offer(1)], now: now + 1)
        let launched = first.flatMap { action -> [TaskInfo] in if case .launch(_, let tasks) = action { tasks } else { [] } }
        #expect(launched.map(\.taskID.value).allSatisfy { $0.hasPrefix("p_db") }, "\(launched.map(\.taskID))")
        #expect(launched.count == 1)
        for task in launched { _ = core.update(TaskStatus(taskID: task.taskID, state: .running), now: now + 2) }
        let second = core.offers([offer(2)], now: now + 3)
        let next = second.flatMap { action -> [TaskInfo] in if case .launch(_, let tasks) = action { tasks } else { [] } }
        #expect(next.map(\.taskID.value).allSatisfy { $0.hasPrefix("p_web") } && next.count == 1, "\(next.map(\.taskID))")
    }

    @Test func invalidAppsAreNamedWhereTheyStand() throws {
        let core = ServicesCore()
        var bad = app("x")
        bad.cpus = -1
        let update = GroupUpdate(id: "/v", groups: [GroupUpdate(id: "inner", apps: [bad, app("/elsewhere/y")])])
        let refused = #expect(throws: ServicesError.self) { try core.planGroupChange(update, at: .root, creating: true) }
        guard case .invalid(let invalid) = refused else { Issue.record("not a 422: \(String(describing: refused))"); return }
        #expect(invalid.issues.map(\.path) == ["/groups(0)/apps(0)/cpus", "/groups(0)/apps(1)/id"])
    }

    @Test func deletingAGroupStopsEveryAppInIt() throws {
        var core = ServicesCore()
        try change(&core, GroupUpdate(id: "/g", apps: [app("a")], groups: [GroupUpdate(id: "h", apps: [app("b")])]), creating: true)
        try core.put(app("/keep"), deploymentID: "k", now: now)
        _ = core.apply(try core.planGroupDeletion(try group("/g")), deploymentID: "del", now: now)
        #expect(core.appIDs.map(\.path) == ["/keep"])
        #expect(!core.groupExists(try group("/g")))
        #expect(throws: ServicesError.notFound("Group '/g' does not exist")) { try core.planGroupDeletion(try group("/g")) }
    }

    /// A kept group, empty or not, survives a restart with its dependencies, and one that went
    /// is deleted from the file.
    @Test func keptGroupsAreStoredAndComeBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("services-groups-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var core = ServicesCore()
        try change(&core, GroupUpdate(id: "/empty", dependencies: ["../db"]), creating: true)
        try change(&core, GroupUpdate(id: "/gone"), creating: true)
        do {
            let store = try ServicesStore(workDirectory: directory)
            try store.save(apps: core.storedApps, instances: [], groups: core.storedGroups)
            _ = core.apply(try core.planGroupDeletion(try group("/gone")), deploymentID: "x", now: now)
            try store.save(apps: core.storedApps, instances: [], groups: core.storedGroups)
        }
        var restarted = ServicesCore()
        restarted.loadGroups(try ServicesStore(workDirectory: directory).groups())
        #expect(restarted.storedGroups == core.storedGroups)
        #expect(restarted.storedGroups.map(\.id.path) == ["/empty"])
        #expect(restarted.groupSnapshot(of: try group("/empty"), now: now)?.dependencies == ["/db"])
    }

    /// Through `/v2/apps` too: an app whose dependencies close a cycle would wait for ever.
    @Test func anAppThatClosesACycleIsRefused() throws {
        var core = ServicesCore()
        try core.put(app("/a", dependencies: ["/b"]), deploymentID: "d1", now: now)
        #expect(core.cycleIssue(after: app("/c", dependencies: ["a"])) == nil)
        #expect(core.cycleIssue(after: app("/b", dependencies: ["a"]))?.path == "/dependencies")
    }
}
