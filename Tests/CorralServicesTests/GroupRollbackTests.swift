import CorralModel
import CorralSDK
import Foundation
import Testing

@testable import CorralServices

/// Marathon's group rollback (`PUT /v2/groups/{id}` with only a `version`) and the deployment
/// plan a group change follows, on the core.
@Suite struct GroupRollbackTests {
    let now = ClusterInstant(seconds: 1_000)

    func app(_ id: String, cmd: String = "serve", instances: Int = 1, dependencies: [String] = []) -> AppDefinition {
        var app = AppDefinition(id: id, cmd: cmd, instances: instances)
        app.cpus = 0.5
        app.mem = 64
        app.dependencies = dependencies
        return app
    }

    func group(_ text: String) throws -> GroupID { try GroupID(parsing: text) }

    @discardableResult
    func change(_ core: inout ServicesCore, _ update: GroupUpdate, at base: GroupID = .root) throws -> GroupDeployment {
        let plan = try core.planGroupChange(update, at: base, creating: false)
        return core.apply(plan, deploymentID: "d\(core.groupVersions.count)-\(update.version ?? "")", now: now).deployment
    }

    @Test func aRollbackBringsBackTheAppsAndGroupsOfThatVersion() throws {
        var core = ServicesCore()
        let first = try change(&core, GroupUpdate(id: "/g", apps: [app("a"), app("b")], groups: [GroupUpdate(id: "h", dependencies: ["../a"])]))
        try change(&core, GroupUpdate(id: "/g", apps: [app("a", cmd: "serve --v2"), app("c")], groups: []))
        #expect(core.transitiveApps(of: try group("/g")).map(\.path) == ["/g/a", "/g/c"])

        let rollback = try change(&core, GroupUpdate(version: first.version), at: try group("/g"))
        #expect(rollback.version > first.version, "a rollback is a new version, as in Marathon")
        #expect(core.transitiveApps(of: try group("/g")).map(\.path) == ["/g/a", "/g/b"], "c came after: it goes; b went: it comes back")
        #expect(core.definition(of: try AppID(parsing: "/g/a"))?.cmd == "serve")
        #expect(core.groups[try group("/g/h")]?.dependencies == ["/g/a"])
    }

    /// As in Marathon, a deleted group keeps its versions: it can be listed by them and brought
    /// back. Only the most recently deleted groups keep theirs.
    @Test func aDeletedGroupIsBroughtBackByVersion() throws {
        var core = ServicesCore()
        let first = try change(&core, GroupUpdate(id: "/g", apps: [app("a"), app("b")]))
        let g = try group("/g")
        _ = core.apply(try core.planGroupDeletion(g), deploymentID: "delete", now: now)
        #expect(!core.groupExists(g) && core.transitiveApps(of: g).isEmpty)
        #expect(core.groupVersions(of: g) == [first.version])
        #expect(core.groupVersion(of: g, at: first.version)?.apps.map(\.id) == ["/g/a", "/g/b"])

        try change(&core, GroupUpdate(version: first.version), at: g)
        #expect(core.transitiveApps(of: g).map(\.path) == ["/g/a", "/g/b"])
        #expect(core.groupVersions(of: try group("/nothing")) == nil)

        for n in 0...ServicesCore.maximumDeletedGroupsKept {
            let id = try group("/gone-\(n)")
            try change(&core, GroupUpdate(id: id.path, apps: [app("x")]))
            _ = core.apply(try core.planGroupDeletion(id), deploymentID: "delete-\(n)", now: ClusterInstant(seconds: 2_000 + Double(n)))
        }
        #expect(core.groupVersions(of: try group("/gone-0")) == nil, "the group deleted longest ago went first")
        #expect(core.groupVersions(of: try group("/gone-1")) != nil)
        #expect(core.groupVersions(of: g) != nil, "a group that exists keeps its versions")
    }

    @Test func anUnknownVersionIsNotFound() throws {
        var core = ServicesCore()
        try change(&core, GroupUpdate(id: "/g", apps: [app("a")]))
        #expect(throws: ServicesError.notFound("Group '/g' not available in version 2001-01-01T00:00:00.000Z")) {
            try core.planGroupChange(GroupUpdate(version: "2001-01-01T00:00:00.000Z"), at: try group("/g"), creating: false)
        }
        #expect(throws: ServicesError.self) {
            try core.planGroupChange(GroupUpdate(version: String(repeating: "9", count: 10_000)), at: try group("/g"), creating: false)
        }
    }

    /// A version written for a group above serves the groups in it; one only an app's history
    /// knows (a change through `/v2/apps`) brings back each app as it was then.
    @Test func aSubgroupRollsBackToItsParentsVersionAndToAnAppsVersion() throws {
        var core = ServicesCore()
        let first = try change(&core, GroupUpdate(id: "/g", groups: [GroupUpdate(id: "h", apps: [app("x")])]))
        try change(&core, GroupUpdate(id: "/g/h", apps: [app("x", instances: 3), app("y")]))
        _ = core.apply(try core.planGroupChange(GroupUpdate(version: first.version), at: try group("/g/h"), creating: false), deploymentID: "r", now: now)
        #expect(core.transitiveApps(of: try group("/g/h")).map(\.path) == ["/g/h/x"])
        #expect(core.definition(of: try AppID(parsing: "/g/h/x"))?.instances == 1)

        let x = try AppID(parsing: "/g/h/x")
        let before = try #require(core.versions(of: x)?.first?.version)
        try core.put(app("/g/h/x", cmd: "other"), deploymentID: "p", now: ClusterInstant(seconds: 2_000))
        let plan = try core.planGroupChange(GroupUpdate(version: before), at: try group("/g/h"), creating: false)
        #expect(plan.put.map(\.cmd) == ["serve"])
    }

    @Test func groupVersionsAreStoredAndComeBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("services-group-versions-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var core = ServicesCore()
        let first = try change(&core, GroupUpdate(id: "/g", apps: [app("a")]))
        try change(&core, GroupUpdate(id: "/g", apps: [app("b")]))
        let store = try ServicesStore(workDirectory: directory)
        try store.save(apps: core.storedApps, instances: [], groups: core.storedGroups, groupVersions: core.storedGroupVersions)
        var restarted = ServicesCore()
        restarted.loadGroupVersions(try ServicesStore(workDirectory: directory).groupVersions())
        #expect(restarted.storedGroupVersions == core.storedGroupVersions)
        #expect(restarted.groupVersion(of: try group("/g"), at: first.version)?.apps.map(\.id) == ["/g/a"])
    }

    /// Marathon's plan: stops, then starts (no instances yet), then one step per dependency
    /// level, the apps that depend on nothing first.
    @Test func aGroupChangesStepsFollowTheDependencyLevels() throws {
        var core = ServicesCore()
        try change(&core, GroupUpdate(id: "/s", apps: [app("old"), app("db", instances: 1)]))
        let plan = try core.planGroupChange(
            GroupUpdate(id: "/s", apps: [app("db", instances: 2), app("web", dependencies: ["db"]), app("front", dependencies: ["web"])]),
            at: .root, creating: false)
        let steps = core.deploymentSteps(of: plan).map { $0.map { "\($0.action.rawValue) \($0.app.path)" } }
        #expect(steps == [
            ["StopApplication /s/old"],
            ["StartApplication /s/front", "StartApplication /s/web"],
            ["ScaleApplication /s/db"],
            ["ScaleApplication /s/web"],
            ["ScaleApplication /s/front"],
        ])
        #expect(core.transitiveApps(of: try group("/s")).map(\.path) == ["/s/db", "/s/old"], "planning changes nothing")
    }

    @Test func onlyAVersionAloneIsARollback() throws {
        let alone = try JSONDecoder().decode(GroupUpdate.self, from: Data(#"{"version": "2020-01-01T00:00:00.000Z"}"#.utf8))
        #expect(alone.rollbackVersion == "2020-01-01T00:00:00.000Z")
        let copied = try JSONDecoder().decode(GroupUpdate.self, from: Data(#"{"id": "/g", "apps": [], "version": "2020-01-01T00:00:00.000Z"}"#.utf8))
        #expect(copied.rollbackVersion == nil, "a version copied from a GET next to apps is ignored")
    }
}
