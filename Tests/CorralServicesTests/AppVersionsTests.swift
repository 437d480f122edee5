import CorralModel
import Foundation
import Testing

@testable import CorralServices

/// Each app's versions: one per change of its definition (a scale rewrites the current one),
/// at most `maximumVersions`, durable across restarts with only what changed written.
@Suite struct AppVersionsTests {
    @Test func aChangeAddsAVersionAScaleRewritesTheCurrentOneAndTheOldestGo() throws {
        let web = try AppID(parsing: "/web")
        var core = ServicesCore()
        try core.put(AppDefinition(id: "/web", cmd: "serve --v1", instances: 1), deploymentID: "d1", now: .zero)
        try core.put(AppDefinition(id: "/web", cmd: "serve --v1", instances: 3), deploymentID: "d2", now: ClusterInstant(seconds: 1))
        #expect(core.versions(of: web)?.count == 1)
        #expect(core.versions(of: web)?.first?.definition.instances == 3)
        try core.put(AppDefinition(id: "/web", cmd: "serve --v2", instances: 3), deploymentID: "d3", now: ClusterInstant(seconds: 2))
        let versions = try #require(core.versions(of: web))
        #expect(versions.map(\.definition.cmd) == ["serve --v2", "serve --v1"])
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
            _ = try await services.scale(web, instances: 0)
            kept = try await services.versions(of: web).map(\.version)
            #expect(kept.count == 2)
        }
        let restarted = try ServicesFramework(store: try ServicesStore(workDirectory: directory))
        let versions = try await restarted.versions(of: web)
        #expect(versions.map(\.version) == kept)
        #expect(versions.map(\.definition.cmd) == ["serve --v2", "serve --v1"])
    }
}
