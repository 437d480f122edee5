import CorralModel
import Foundation
import Testing

@testable import CorralServices

/// Each app's versions: one per change of its definition (a scale is one, as in Marathon),
/// at most `maximumVersions`, durable across restarts with only what changed written.
@Suite struct AppVersionsTests {
    @Test func aChangeAndAScaleEachAddAVersionAndTheOldestGo() throws {
        let web = try AppID(parsing: "/web")
        var core = ServicesCore()
        try core.put(AppDefinition(id: "/web", cmd: "serve --v1", instances: 1), deploymentID: "d1", now: .zero)
        try core.put(AppDefinition(id: "/web", cmd: "serve --v1", instances: 3), deploymentID: "d2", now: ClusterInstant(seconds: 1))
        #expect(core.versions(of: web)?.map(\.definition.instances) == [3, 1])
        // The scale is the app's version now; its configuration is still the first version's.
        let scaled = try #require(core.snapshot(of: web, now: ClusterInstant(seconds: 1)))
        #expect(scaled.version == "1970-01-01T00:00:01.000Z" && scaled.lastConfigChangeAt == "1970-01-01T00:00:00.000Z")
        // Changing nothing makes no version.
        try core.put(AppDefinition(id: "/web", cmd: "serve --v1", instances: 3), deploymentID: "d2b", now: ClusterInstant(seconds: 1.5))
        #expect(core.versions(of: web)?.count == 2)
        try core.put(AppDefinition(id: "/web", cmd: "serve --v2", instances: 3), deploymentID: "d3", now: ClusterInstant(seconds: 2))
        let versions = try #require(core.versions(of: web))
        #expect(versions.map(\.definition.cmd) == ["serve --v2", "serve --v1", "serve --v1"])
        #expect(core.snapshot(of: web, now: ClusterInstant(seconds: 2))?.lastConfigChangeAt == versions.first?.version)
        #expect(versions.first?.version == core.snapshot(of: web, now: ClusterInstant(seconds: 2))?.version)
        for step in 0..<(ServicesCore.maximumVersions + 5) {
            try core.put(AppDefinition(id: "/web", cmd: "serve --n\(step)", instances: 3), deploymentID: "n\(step)", now: ClusterInstant(seconds: Double(3 + step)))
        }
        #expect(core.versions(of: web)?.count == ServicesCore.maximumVersions)
        #expect(core.versions(of: web)?.first?.definition.cmd == "serve --n\(ServicesCore.maximumVersions + 4)")
        #expect(core.versions(of: try AppID(parsing: "/missing")) == nil)
    }

    @Test func versionsSurviveARestartOfServices() async throws {
        let web = try AppID(parsing: "/web")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("services-versions-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var kept: [String] = []
        do {
            let services = try ServicesFramework(store: try ServicesStore(workDirectory: directory))
            _ = try await services.put(AppDefinition(id: "/web", cmd: "serve --v1", instances: 0))
            _ = try await services.put(AppDefinition(id: "/web", cmd: "serve --v2", instances: 0))
            _ = try await services.scale(web, instances: 2)
            kept = try await services.versions(of: web).map(\.version)
            #expect(kept.count == 3)
        }
        let restarted = try ServicesFramework(store: try ServicesStore(workDirectory: directory))
        let versions = try await restarted.versions(of: web)
        #expect(versions.map(\.version) == kept)
        #expect(versions.map(\.definition.cmd) == ["serve --v2", "serve --v2", "serve --v1"])
        // The scale stays a scale: the configuration's version is the change before it.
        let app = try await restarted.app(web)
        #expect(app.version == kept[0] && app.lastConfigChangeAt == kept[1])
    }
}
