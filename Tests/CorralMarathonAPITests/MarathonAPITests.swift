import CorralCluster
import CorralHTTPServer
import CorralHTTPTesting
import CorralMarathonAPI
import CorralModel
import CorralRESTClient
import CorralSDKHTTP
import CorralServices
import CorralTesting
import Foundation
import Logging
import Testing

/// Marathon's v2 REST API over Services on a real embedded cluster, request by request.
@Suite(.timeLimit(.minutes(2))) struct MarathonAPITests {
    /// Services on an embedded cluster, its REST API on a free port.
    func withMarathon(authenticator: HTTPAuthenticator = .none, _ body: @Sendable (RawHTTP) async throws -> Void) async throws {
        try await TestCluster.run(agents: 2) { cluster in
            let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            let store = try ServicesStore(path: nil)
            let services = try ServicesFramework(store: store, logger: logger)
            var configuration = ServicesHTTPServer.Configuration()
            configuration.port = 0
            configuration.authenticator = authenticator
            let http = ServicesHTTPServer(services: services, configuration: configuration, logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                let (ports, sink) = AsyncStream.makeStream(of: Int.self)
                group.addTask { try await services.run(transport: cluster.transport) }
                group.addTask { try await http.run { sink.yield($0) } }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())
                try await body(RawHTTP(master: MasterAddress(host: "127.0.0.1", port: port)))
                await services.stop()
                group.cancelAll()
            }
        }
    }

    func json(_ answer: RawHTTP.Answer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any] ?? [:]
    }

    func post(_ http: RawHTTP, _ path: String, _ body: String, method: String = "POST") async throws -> RawHTTP.Answer {
        try await http.send(method, path, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }

    func running(_ http: RawHTTP, _ id: String) async throws -> Int {
        (json(try await http.send("GET", "/v2/apps/\(id)"))["app"] as? [String: Any])?["tasksRunning"] as? Int ?? -1
    }

    @Test func appLifecycleAsTheMarathonClientDrivesIt() async throws {
        let marker = String(UInt32.random(in: 0...UInt32.max))
        try await withMarathon { http in
            let created = try await post(http, "/v2/apps", #"{"id": "/shop/web", "cmd": "exec sleep 600.\#(marker)", "cpus": 0.1, "mem": 16, "instances": 2}"#)
            #expect(created.status == 201)
            #expect(json(created)["id"] as? String == "/shop/web")
            #expect(await eventually { (try? await running(http, "shop/web")) == 2 })

            // Scale as the client does: PUT with only the instances, a doubled slash, Python's booleans.
            let scaled = try await post(http, "/v2/apps//shop/web?force=False", #"{"instances": 3}"#, method: "PUT")
            #expect(scaled.status == 200)
            #expect(json(scaled)["deploymentId"] is String && json(scaled)["version"] is String)
            #expect(await eventually { (try? await running(http, "shop/web")) == 3 })
            let app = json(try await http.send("GET", "/v2/apps/shop/web"))["app"] as? [String: Any]
            #expect(app?["cmd"] as? String == "exec sleep 600.\(marker)")

            let tasks = json(try await http.send("GET", "/v2/apps/shop/web/tasks"))["tasks"] as? [[String: Any]] ?? []
            #expect(tasks.count == 3)
            #expect(tasks.allSatisfy { ($0["stagedAt"] as? String)?.hasSuffix("Z") == true && $0["appId"] as? String == "/shop/web" })
            let all = json(try await http.send("GET", "/v2/tasks"))["tasks"] as? [[String: Any]] ?? []
            #expect(all.count == 3)

            // `host` narrows a kill to that agent's tasks: none here.
            let elsewhere = try await http.send("DELETE", "/v2/apps/shop/web/tasks?host=nowhere.example")
            #expect(elsewhere.status == 200)
            #expect((json(elsewhere)["tasks"] as? [Any])?.isEmpty == true)
            #expect(try await running(http, "shop/web") == 3)

            // Kill one task and scale down by it.
            let victim = try #require(tasks.first?["id"] as? String)
            let killed = try await http.send("DELETE", "/v2/apps/shop/web/tasks/\(victim)?scale=True")
            #expect(killed.status == 200)
            #expect((json(killed)["task"] as? [String: Any])?["id"] as? String == victim)
            #expect(await eventually { (try? await running(http, "shop/web")) == 2 })
            let wanted = (json(try await http.send("GET", "/v2/apps/shop/web"))["app"] as? [String: Any])?["instances"] as? Int
            #expect(wanted == 2)

            let deleted = try await http.send("DELETE", "/v2/apps/shop/web")
            #expect(deleted.status == 200)
            #expect(json(deleted)["deploymentId"] is String)
            #expect(try await http.send("GET", "/v2/apps/shop/web").status == 404)
            #expect(await eventually { processes(containing: "600.\(marker)").isEmpty })
        }
    }

    @Test func deploymentsAreListedAndCancelledWithARollback() async throws {
        try await withMarathon { http in
            // A version whose tasks never become healthy keeps its deployment open.
            _ = try await post(http, "/v2/apps", #"{"id": "/api", "cmd": "exec sleep 600", "cpus": 0.1, "mem": 16, "instances": 1}"#)
            #expect(await eventually { (try? await running(http, "api")) == 1 })
            let update = #"{"cmd": "exec sleep 601", "healthChecks": [{"protocol": "COMMAND", "command": {"value": "false"}, "gracePeriodSeconds": 300}]}"#
            let changed = json(try await post(http, "/v2/apps/api", update, method: "PUT"))
            let id = try #require(changed["deploymentId"] as? String)
            let listed = try await http.send("GET", "/v2/deployments")
            let deployments = (try? JSONSerialization.jsonObject(with: Data(listed.body.utf8))) as? [[String: Any]] ?? []
            #expect(deployments.map { $0["id"] as? String } == [id])
            #expect((deployments.first?["currentActions"] as? [[String: Any]])?.first?["action"] as? String == "RestartApplication")

            let cancelled = try await http.send("DELETE", "/v2/deployments/\(id)")
            #expect(cancelled.status == 200)
            #expect(json(cancelled)["deploymentId"] as? String != id)
            let app = json(try await http.send("GET", "/v2/apps/api"))["app"] as? [String: Any]
            #expect(app?["cmd"] as? String == "exec sleep 600")
            #expect(try await http.send("DELETE", "/v2/deployments/nope").status == 404)
        }
    }

    @Test func badRequestsGetMarathonsErrors() async throws {
        try await withMarathon { http in
            _ = try await post(http, "/v2/apps", #"{"id": "/one", "cmd": "exec sleep 600", "cpus": 0.1, "mem": 16, "instances": 0}"#)
            let taken = try await post(http, "/v2/apps", #"{"id": "/one", "cmd": "true"}"#)
            #expect(taken.status == 409)
            #expect((json(taken)["message"] as? String)?.contains("/one") == true)

            let invalid = try await post(http, "/v2/apps", #"{"id": "/Bad_Id", "cmd": "true", "cpus": -1}"#)
            #expect(invalid.status == 422)
            let paths = (json(invalid)["details"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
            #expect(paths == ["/id", "/cpus"])

            let wrongType = try await post(http, "/v2/apps", #"{"id": "/x", "cmd": "true", "instances": "many"}"#)
            #expect(wrongType.status == 422)
            #expect((json(wrongType)["details"] as? [[String: Any]])?.first?["path"] as? String == "/instances")

            #expect(try await post(http, "/v2/apps", "{not json").status == 400)
            #expect(try await post(http, "/v2/apps/one", #"{"upgradeStrategy": {"minimumHealthCapacity": 2}}"#, method: "PUT").status == 422)
            #expect(try await http.send("GET", "/v2/apps/missing").status == 404)
            #expect(try await http.send("DELETE", "/v2/apps/missing").status == 404)
            #expect(try await http.send("DELETE", "/v2/apps/one/tasks/one.999").status == 404)
            #expect(try await http.send("PATCH", "/v2/deployments").status == 405)
            #expect(try await http.send("GET", "/v3/nothing").status == 404)
            // Still serving after all that.
            #expect(try await http.send("GET", "/ping").body == "pong")
            let info = json(try await http.send("GET", "/v2/info"))
            #expect(info["frameworkId"] is String)
            #expect((json(try await http.send("GET", "/v2/leader"))["leader"] as? String)?.hasPrefix("127.0.0.1:") == true)
        }
    }

    /// Each of these once trapped Services (and, stored first, trapped it again on every
    /// restart): now each is a 422 naming the field and the value, and Services serves on.
    @Test func numbersThatOnceTrappedServicesAre422sNamingTheField() async throws {
        try await withMarathon { http in
            let hostile: [(String, String, String)] = [
                (#"{"id": "/hc", "cmd": "true", "healthChecks": [{"protocol": "TCP", "port": -1}]}"#, "/healthChecks(0)", "-1"),
                (#"{"id": "/big", "cmd": "true", "instances": 9223372036854775807}"#, "/instances", "9223372036854775807"),
                (#"{"id": "/slow", "cmd": "true", "instances": 0, "backoffSeconds": 1e300}"#, "/backoffSeconds", "1e+300"),
                (#"{"id": "/hct", "cmd": "true", "healthChecks": [{"protocol": "COMMAND", "command": {"value": "true"}, "timeoutSeconds": 1e300}]}"#, "/healthChecks(0)/timeoutSeconds", "1e+300"),
                (#"{"id": "/cpu", "cmd": "true", "cpus": 1e300}"#, "/cpus", "1e+300"),
                (#"{"id": "/port", "cmd": "true", "portDefinitions": [{"port": 70000}]}"#, "/portDefinitions(0)/port", "70000"),
                (#"{"id": "/grow", "cmd": "true", "backoffFactor": 1e300}"#, "/backoffFactor", "1e+300"),
                (#"{"id": "/tiny", "cmd": "x", "cpus": 1e-9, "mem": 1e-9, "instances": 100000}"#, "/cpus", "1e-09"),
                (#"{"id": "/who", "cmd": "x", "user": "../root"}"#, "/user", "../root"),
                (#"{"id": "/huge", "cmd": "x", "upgradeStrategy": {"minimumHealthCapacity": 1e400}}"#, "/upgradeStrategy/minimumHealthCapacity", "1e400"),
                (#"{"id": "/slow-check", "cmd": "x", "healthChecks": [{"protocol": "COMMAND", "command": {"value": "true"}, "intervalSeconds": 1e-300}]}"#, "/healthChecks(0)", "1e-300"),
                ("{\"id\": \"/\(String(repeating: "a", count: 300))\", \"cmd\": \"x\"}", "/id", "too long"),
            ]
            for (body, path, value) in hostile {
                let answer = try await post(http, "/v2/apps", body)
                #expect(answer.status == 422, "\(body)")
                let details = json(answer)["details"] as? [[String: Any]] ?? []
                let detail = details.first { $0["path"] as? String == path }
                #expect(detail != nil, "\(body): \(answer.body)")
                let message: String = (detail?["errors"] as? [String])?.first ?? ""
                #expect(message.contains(value), "\(body): \(answer.body)")
            }
            // Scaling an app to Int.max after changing its command goes the same way.
            #expect(try await post(http, "/v2/apps", #"{"id": "/ok", "cmd": "exec sleep 600", "cpus": 0.1, "mem": 16, "instances": 0}"#).status == 201)
            let scaled = try await post(http, "/v2/apps/ok", #"{"cmd": "exec sleep 601", "instances": 9223372036854775807}"#, method: "PUT")
            #expect(scaled.status == 422)
            // A PUT of apps whose items are not objects stopped the process in Foundation's writer.
            let notObjects = try await post(http, "/v2/apps", "[1]", method: "PUT")
            #expect(notObjects.status == 422)
            #expect((json(notObjects)["details"] as? [[String: Any]])?.first?["path"] as? String == "/(0)")
            // A constraint pattern that used to stall the compiler of patterns.
            let stall = try await post(http, "/v2/apps", #"{"id": "/stall", "cmd": "x", "constraints": [["hostname", "LIKE", "(){1000}{1000}{1000}{1000}"]]}"#)
            #expect(stall.status == 422)
            #expect(try await http.send("GET", "/v2/queue").status == 200)
            #expect(try await http.send("GET", "/v2/apps").status == 200)
            #expect(try await http.send("GET", "/ping").body == "pong")
        }
    }
}

extension MarathonAPITests {
    /// `--http-credentials`: a client without them gets the 401 and one with them gets through,
    /// as the remote console does with its own `--http-credentials`.
    @Test func clientsPresentTheHTTPCredentialsServicesAsksFor() async throws {
        let credential = Credential(principal: "admin", secret: "pw")
        let authenticator = HTTPAuthenticator(credentials: Credentials([credential]), requiredRealms: ["Mesosphere"])
        try await withMarathon(authenticator: authenticator) { http in
            let anonymous = MarathonClient(address: http.master)
            await #expect(throws: RESTClientError.self) { _ = try await anonymous.apps() }
            let apps = try await MarathonClient(address: http.master, credential: credential).apps()
            #expect(apps.isEmpty)
            #expect(try await http.send("GET", "/ping").status == 200)
        }
    }
}

/// The console's remote view of Services: MarathonClient against Corral's Marathon API.
@Suite(.timeLimit(.minutes(2))) struct MarathonClientTests {
    @Test func appsQueueAndDeploymentsAsARemoteConsoleReadsThem() async throws {
        try await MarathonAPITests().withMarathon { http in
            let client = MarathonClient(address: http.master)
            var fits = AppDefinition(id: "/fits", cmd: "exec sleep 600", instances: 1)
            fits.cpus = 0.1
            fits.mem = 16
            try await client.create(fits)
            var huge = fits
            huge.id = "/huge"
            huge.cpus = 64
            try await client.create(huge)
            #expect(await eventually { (try? await client.apps().first { $0.id == "/fits" }?.tasksRunning) == 1 })

            // The app that cannot fit waits in the queue, with Marathon's reason names and, per
            // agent, the sentence with the numbers.
            #expect(await eventually {
                let item = (try? await client.queue())?.first { $0.app.id == "/huge" }
                let cpus = item?.processedOffersSummary?.rejectSummaryLastOffers?.first { $0.reason == "InsufficientCpus" }
                return (cpus?.declined ?? 0) > 0 && item?.lastUnusedOffers?.first?.message?.contains(" cpus: an instance needs cpus:64") == true
            })
            let queue = try await client.queue()
            #expect(queue.map(\.app.id) == ["/huge"])
            #expect(queue.first?.count == 1)

            try await client.scale("/fits", instances: 2)
            #expect(await eventually { (try? await client.apps().first { $0.id == "/fits" }?.tasks?.count) == 2 })
            let apps = try await client.apps()
            #expect(apps.first { $0.id == "/fits" }?.tasks?.allSatisfy { $0.state == "TASK_RUNNING" || $0.state == "TASK_STAGING" || $0.state == "TASK_STARTING" } == true)

            await #expect(throws: RESTClientError.self) { try await client.scale("/missing", instances: 1) }
        }
    }
}
