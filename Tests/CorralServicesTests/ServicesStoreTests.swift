import CorralModel
import Foundation
import GRDB
import Testing

@testable import CorralServices

@Suite struct ServicesStoreTests {
    @Test func appsInstancesAndTheFrameworkIDSurviveReopening() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("services-store-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var app = AppDefinition(id: "/shop/web", cmd: "serve", instances: 2)
        app.constraints = [["hostname", "UNIQUE"]]
        app.env = ["MODE": "prod"]
        let site = PlacementSite(agentID: "a1", hostname: "h1", attributes: [Attribute(name: "rack", value: .text("r1"))])
        let instance = AppInstance(
            taskID: "shop_web.7", appID: try AppID(parsing: "/shop/web"), site: site, version: "2026-11-25T10:00:00.000Z",
            ports: [31000, 31001], state: .running, stagedAt: Time(seconds: 100), startedAt: Time(seconds: 101))
        do {
            let store = try ServicesStore(workDirectory: directory)
            try store.setFrameworkID("fw-1")
            try store.save(apps: [(app, "2026-11-25T10:00:00.000Z")], instances: [instance])
        }
        let reopened = try ServicesStore(workDirectory: directory)
        #expect(reopened.frameworkID == "fw-1")
        let apps = try reopened.apps()
        #expect(apps.count == 1)
        #expect(apps[0].definition == app)
        #expect(apps[0].version == "2026-11-25T10:00:00.000Z")
        let instances = try reopened.instances()
        #expect(instances.map(\.taskID) == ["shop_web.7"])
        #expect(instances[0].site == site)
        #expect(instances[0].ports == [31000, 31001])
        #expect(instances[0].confirmed == false)
    }

    /// A restarted Services goes on numbering tasks after the last one it handed out, even when
    /// that task's instance is gone from the store (expunged as unreachable, it may still run).
    @Test func taskNumbersNeverRepeatAcrossRestarts() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("services-store-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let web = AppDefinition(id: "/web", cmd: "serve", instances: 1)
        do {
            let store = try ServicesStore(workDirectory: directory)
            #expect(try store.lastTaskNumber() == 0)
            try store.save(apps: [(web, "v1")], instances: [], lastTaskNumber: 7)
        }
        let reopened = try ServicesStore(workDirectory: directory)
        #expect(try reopened.lastTaskNumber() == 7)
        var core = ServicesCore()
        core.load(web, version: "v1")
        core.resumeTaskNumbers(after: try reopened.lastTaskNumber())
        let offer = Offer(
            id: "o1", frameworkID: "f", agentID: "a1", hostname: "h1", role: "*", resources: Resources("cpus:4;mem:4096") ?? Resources())
        let launched = core.offers([offer], now: ClusterInstant(seconds: 10)).flatMap { action -> [TaskID] in
            if case .launch(_, let tasks) = action { tasks.map(\.taskID) } else { [] }
        }
        #expect(launched == ["web.8"])
    }

    /// Only what changed is written, and an
    /// app or instance that went is deleted. The first save of a process writes the whole, so a
    /// row a previous process left cannot come back.
    @Test func savesWriteOnlyWhatChangedAndTheFirstReplacesTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("services-store-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let site = PlacementSite(agentID: "a1", hostname: "h1")
        func instance(_ id: TaskID, of app: String) throws -> AppInstance {
            AppInstance(taskID: id, appID: try AppID(parsing: app), site: site, version: "v1", ports: [], state: .running, stagedAt: Time(seconds: 1))
        }
        let web = AppDefinition(id: "/web", cmd: "serve", instances: 2)
        let db = AppDefinition(id: "/db", cmd: "store", instances: 1)
        do {
            let first = try ServicesStore(workDirectory: directory)
            try first.save(apps: [(web, "v1"), (db, "v1")], instances: [try instance("web.1", of: "/web"), try instance("db.1", of: "/db")])
        }
        let store = try ServicesStore(workDirectory: directory)
        // This process's first save forgets /db, which the file still holds.
        try store.save(apps: [(web, "v1")], instances: [try instance("web.1", of: "/web")])
        #expect(try store.apps().map(\.definition.id) == ["/web"])
        #expect(try store.instances().map(\.taskID) == ["web.1"])

        let database = try DatabaseQueue(path: directory + "/services.sqlite")
        let before = try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM instance") }
        #expect(before == 1)
        var scaled = web
        scaled.instances = 3
        try store.save(apps: [(scaled, "v1")], instances: [try instance("web.1", of: "/web"), try instance("web.2", of: "/web")])
        #expect(try store.instances().map(\.taskID).sorted() == ["web.1", "web.2"])
        #expect(try store.apps().first?.definition.instances == 3)
        try store.save(apps: [(scaled, "v1")], instances: [try instance("web.2", of: "/web")])
        #expect(try store.instances().map(\.taskID) == ["web.2"])
    }

    @Test func aSaveThatChangesNothingWritesNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("services-store-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ServicesStore(workDirectory: directory)
        var app = AppDefinition(id: "/web", cmd: "serve", instances: 1)
        try store.save(apps: [(app, "v1")], instances: [])
        // Someone else empties the file behind the store's back…
        let other = try DatabaseQueue(path: directory + "/services.sqlite")
        try other.write { try $0.execute(sql: "DELETE FROM app") }
        // …the same state again is not written (the rows stay gone)…
        try store.save(apps: [(app, "v1")], instances: [])
        #expect(try store.apps().isEmpty)
        // …a changed one is.
        app.instances = 2
        try store.save(apps: [(app, "v2")], instances: [])
        #expect(try store.apps().map(\.version) == ["v2"])
    }
}
