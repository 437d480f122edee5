import CorralModel
import CorralSDK
import CorralTesting
import Foundation
import Logging
import Testing

@testable import CorralServices

/// Readiness probes for real: Services, against a master the test plays, asks a task's HTTP
/// endpoint (a tiny server on loopback) and ends the deployment only once it answers ready.
@Suite(.timeLimit(.minutes(1))) struct ReadinessProbeTests {
    /// A tiny HTTP server on a free loopback port that answers 503 to the first GET and 200 to
    /// those after, as a task warming up would.
    final class WarmingServer: Sendable {
        let process: Process
        let port: Int

        init() throws {
            let script = """
                import http.server, sys
                class Warming(http.server.BaseHTTPRequestHandler):
                    asked = 0
                    def do_GET(self):
                        Warming.asked += 1
                        body = b"warming" if Warming.asked == 1 else b"ready"
                        self.send_response(503 if Warming.asked == 1 else 200)
                        self.send_header("Content-Type", "text/plain")
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                    def log_message(self, *args): pass
                server = http.server.HTTPServer(("127.0.0.1", 0), Warming)
                print(server.server_address[1], flush=True)
                server.serve_forever()
                """
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                kill(process.processIdentifier, SIGKILL)
                throw CocoaError(.fileReadCorruptFile)
            }
            self.port = port
        }

        /// SIGKILL: the test process's blocked signals are inherited, SIGTERM among them.
        func stop() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test func aDeploymentEndsOnlyOnceTheTasksEndpointAnswersReady() async throws {
        let server = try WarmingServer()
        defer { server.stop() }
        let master = ScriptedMaster()
        let services = try ServicesFramework(store: ServicesStore(path: nil), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await services.run(transport: master) }
        defer { running.cancel() }
        #expect(await eventually { await services.frameworkID != nil })

        var app = AppDefinition(id: "/web", cmd: "serve", instances: 1)
        app.cpus = 0.5
        app.portDefinitions = [AppDefinition.PortDefinition(name: "http-api")]
        var check = ReadinessCheck()
        check.path = "/ready"
        check.intervalSeconds = 1
        check.timeoutSeconds = 0.5
        check.preserveLastResponse = true
        app.readinessChecks = [check]
        let web = try AppID(parsing: "/web")
        _ = try await services.create(app)
        let port = UInt64(server.port)
        master.emit(.offers([Offer(id: OfferID("o1"), frameworkID: "scripted-framework", agentID: "a1", hostname: "127.0.0.1", role: "*",
            resources: Resources([.scalar("cpus", 4), .scalar("mem", 4096), .ranges("ports", [port...port])]).allocated(to: "*"))]))
        #expect(await eventually { (try? await services.app(web))?.instances.count == 1 })
        let task = try #require(try await services.app(web).instances.first?.taskID)
        master.emit(.update(TaskStatus(taskID: task, state: .running, agentID: "a1")))

        // The first answer is 503: running, not ready, and the deployment waits.
        #expect(await eventually { (try? await services.app(web))?.readiness.first?.lastResponse?.status == 503 })
        let waiting = try await services.app(web)
        #expect(waiting.readiness.first?.ready == false && waiting.readiness.first?.lastResponse?.body == "warming")
        #expect(await services.deployments().count == 1)

        // An interval later the 200: ready, and the deployment is done.
        #expect(await eventually { await services.deployments().isEmpty })
        #expect(try await services.app(web).status == .running)
    }
}
