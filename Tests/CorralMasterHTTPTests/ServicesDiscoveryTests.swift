import CorralCluster
import CorralHTTPTesting
import CorralModel
import CorralServices
import CorralTesting
import Foundation
import Logging
import Testing

/// An app's labels and port definitions reach its tasks as Marathon sets them (Mesos task
/// labels, and DiscoveryInfo visible to the framework, named after the app, with each port's
/// number, name, protocol and labels), so tools that read tasks from the master see them.
@Suite(.timeLimit(.minutes(2))) struct ServicesDiscoveryTests {
    @Test func getTasksShowsTheAppsLabelsAndDiscoveryInfo() async throws {
        try await HTTPTestCluster.run(resources: "cpus:4;mem:2048;ports:[31000-31099]") { cluster, master in
            let services = try ServicesFramework(store: try ServicesStore(path: nil), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            var app = AppDefinition(id: "/shop/web", cmd: "exec sleep 600", instances: 1)
            app.cpus = 0.1
            app.mem = 16
            app.labels = ["tier": "web"]
            app.portDefinitions = [
                AppDefinition.PortDefinition(name: "http", protocol: "tcp", labels: ["VIP_0": "/web:80"]),
                AppDefinition.PortDefinition(name: "dns", protocol: "udp,tcp"),
            ]
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await services.run(transport: cluster.transport) }
                _ = try await services.put(app)
                let raw = RawHTTP(master: master)
                @Sendable func tasks() async -> [[String: Any]] {
                    let answer = try? await raw.post("/api/v1", json: #"{"type":"GET_TASKS"}"#)
                    let body = (try? JSONSerialization.jsonObject(with: Data((answer?.body ?? "").utf8))) as? [String: Any]
                    return ((body?["get_tasks"] as? [String: Any])?["tasks"] as? [[String: Any]]) ?? []
                }
                #expect(await eventually { await tasks().count == 1 })
                let task = try #require(await tasks().first)
                let labels = (task["labels"] as? [String: Any])?["labels"] as? [[String: Any]]
                #expect(labels?.first?["key"] as? String == "tier" && labels?.first?["value"] as? String == "web")
                let discovery = try #require(task["discovery"] as? [String: Any])
                #expect(discovery["visibility"] as? String == "FRAMEWORK")
                #expect(discovery["name"] as? String == "web.shop")
                let ports = (discovery["ports"] as? [String: Any])?["ports"] as? [[String: Any]] ?? []
                #expect(ports.map { $0["name"] as? String } == ["http", "dns", "dns"])
                #expect(ports.map { $0["protocol"] as? String } == ["tcp", "udp", "tcp"])
                #expect(ports.allSatisfy { ($0["number"] as? Int ?? 0) > 0 })
                let portLabels = (ports.first?["labels"] as? [String: Any])?["labels"] as? [[String: Any]]
                #expect(portLabels?.first?["key"] as? String == "VIP_0" && portLabels?.first?["value"] as? String == "/web:80")
                // The legacy state shows the same.
                #expect(try await raw.send("GET", "/master/tasks").body.contains(#""visibility":"FRAMEWORK""#))
                await services.stop()
                group.cancelAll()
            }
        }
    }
}
