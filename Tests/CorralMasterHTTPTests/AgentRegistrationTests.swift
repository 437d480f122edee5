import AsyncHTTPClient
import CorralHTTPServer
import CorralHTTPTesting
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import NIOCore
import CorralTesting
import Testing

@testable import CorralMasterHTTP

/// An agent's registration on a connection of its own is answered on the event loop; it must
/// check, refuse and stream exactly as the async server does when the same request comes on a
/// connection that carried others before.
@Suite(.timeLimit(.minutes(2))) struct AgentRegistrationTests {
    static let path = "/corral/v1/agent/register"
    static let json = [("Content-Type", "application/json"), ("Accept", "application/json")]

    static func register(_ id: String, frameworks: [FrameworkInfo] = [], tasks: [RunningTaskReport] = []) -> String {
        let info = AgentInfo(id: AgentID(id), hostname: "h-\(id)", port: 5051, resources: Resources([.scalar("cpus", 2000), .scalar("mem", 1024)]))
        let message = AgentCallMessage(
            agentID: AgentID(id), call: .register(info, isolation: "posix", inventory: AgentInventory(frameworks: frameworks, tasks: tasks)))
        return String(decoding: MesosJSON.encode(message), as: UTF8.self)
    }

    /// (method, headers, body, status, a piece of the message)
    static let refusals: [(String, [(String, String)], String, Int, String)] = [
        ("GET", [], "", 405, "POST"),
        ("POST", [], register("a"), 400, "Content-Type"),
        ("POST", [("Content-Type", "application/x-protobuf")], register("a"), 415, "application/json"),
        ("POST", json, "{not json", 400, "Failed to parse the agent call"),
        ("POST", json, #"{"type":"PING","agent_id":{"value":"a"}}"#, 400, "REGISTER"),
        ("POST", json, #"{"type":"REGISTER","register":{"agent_info":{"hostname":"evil","resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1e306}}]},"isolation":"posix"}}"#, 400, "scalar.value"),
        ("POST", json, "[" + String(repeating: "1,", count: 600_000) + "1]", 413, "larger than"),
    ]

    @Test func malformedRegistrationsAreRefusedAlikeOnAFreshConnectionAndAReusedOne() async throws {
        try await HTTPTestCluster.run(agents: 0) { _, master in
            let raw = RawHTTP(master: master)
            for fresh in [true, false] {
                for (method, headers, body, status, message) in Self.refusals {
                    // A request before it, on the pooled client, leaves a connection to reuse.
                    if !fresh { #expect(try await raw.send("GET", "/health").status == 200) }
                    let answer = try await raw.send(method, Self.path, headers: headers, body: Array(body.utf8), fresh: fresh)
                    #expect(answer.status == status, "fresh \(fresh), \(method) \(body.prefix(60)): \(answer.status) \(answer.body)")
                    #expect(answer.body.contains(message), "fresh \(fresh): '\(answer.body)' should mention '\(message)'")
                }
            }
            #expect(try await raw.send("GET", "/health", fresh: true).status == 200, "the master stopped answering")
        }
    }

    @Test func anAgentOnItsOwnConnectionMustAuthenticate() async throws {
        let authenticator = HTTPAuthenticator(credentials: Credentials([Credential(principal: "agent", secret: "s3cret")]), requiredRealms: [MesosRealm.agent])
        try await HTTPTestCluster.run(agents: 0, authenticator: authenticator) { cluster, master in
            let raw = RawHTTP(master: master)
            let anonymous = try await raw.post(Self.path, json: Self.register("a"), headers: Self.json, fresh: true)
            #expect(anonymous.status == 401)
            #expect(anonymous.headers.contains { $0.0.lowercased() == "www-authenticate" && $0.1.contains(MesosRealm.agent) })
            let wrong = Credential(principal: "agent", secret: "guess").basicAuthorization
            let guessed = try await raw.post(Self.path, json: Self.register("a"), headers: Self.json + [("Authorization", wrong)], fresh: true)
            #expect(guessed.status == 401)
            #expect(await cluster.master.snapshot().agents.isEmpty, "an unauthenticated agent was registered")
        }
    }

    /// A small registration is decoded on the event loop, a large one off it: both register the
    /// agent with every task it reports.
    @Test(arguments: [10, 2000]) func anAgentRegistersWithAllItsTasksWhateverTheSizeOfItsInventory(tasks: Int) async throws {
        let framework = FrameworkInfo(name: "f", id: "f1", failoverTimeout: 3600)
        let reports = (0..<tasks).map { index in
            RunningTaskReport(
                frameworkID: "f1", task: TaskInfo(name: "t", taskID: TaskID("t\(index)"), agentID: "big", resources: Resources([.scalar("cpus", 0.5)]), command: .shell("sleep 9")),
                state: .running)
        }
        let body = Self.register("big", frameworks: [framework], tasks: reports)
        #expect((body.utf8.count > AgentStreamHandler.decodeOnLoopLimit) == (tasks > 10), "the inventory's size does not test the path it should")
        try await HTTPTestCluster.run(agents: 0) { cluster, master in
            var request = HTTPClientRequest(url: master.url(Self.path))
            request.method = .POST
            for (name, value) in Self.json { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(string: body))
            let response = try await RawHTTP.oneRequestPerConnection.execute(request, timeout: .seconds(10))
            #expect(response.status == .ok)
            #expect(try await EventReader<AgentEvent>(body: response.body).next(timeout: 5) == .registered("big", heartbeatIntervalSeconds: 1))
            #expect(await cluster.master.snapshot().tasks.count == tasks)
        }
    }

    /// Streams share their event loop's heartbeat timer: each hears its beats, and one that
    /// goes away leaves the others beating.
    @Test func everyStreamHearsHeartbeatsUntilItGoesAndTheOthersGoOn() async throws {
        try await HTTPTestCluster.run(agents: 0, heartbeat: 0.2) { cluster, master in
            var streams: [PlainSocket] = []
            for id in ["a", "b", "c"] {
                let socket = try PlainSocket(port: master.port)
                let body = Array(Self.register(id).utf8)
                try socket.send(Array("POST \(Self.path) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
                #expect(try await socket.receive(until: #""REGISTERED""#, timeout: 5))
                streams.append(socket)
            }
            for socket in streams { #expect(try await socket.receive(until: #""HEARTBEAT""#, timeout: 5)) }
            // The first goes, and the master has seen it go, before the others are listened to.
            streams.removeFirst().close()
            #expect(await eventually(timeout: 10) { await cluster.master.snapshot().agents.first { $0.id == "a" }?.active == false })
            for socket in streams {
                let heard = socket.received.count
                #expect(try await socket.receive(until: #""HEARTBEAT""#, timeout: 5) && socket.received.count > heard, "a stream stopped beating when another went")
            }
        }
    }

    /// An agent whose connection closes is disconnected at once, not when a heartbeat fails to
    /// reach it (the server keeps half-closed connections open).
    enum Leaving: String, CaseIterable, Sendable {
        /// Closes its socket once registered (a kill -9).
        case closesWhenRegistered
        /// Shuts down its sending side once registered.
        case halfClosesWhenRegistered
        /// Shuts down its sending side right after its request, before REGISTERED: the stream
        /// ends as soon as it starts.
        case halfClosesBeforeRegistered
        /// Closes its socket right after its request, before the master answers.
        case closesBeforeRegistered
    }

    /// On a fresh connection (answered on its event loop) and on one that served a request
    /// before (answered by the async server).
    @Test(arguments: Leaving.allCases, [false, true]) func anAgentThatClosesItsConnectionIsDisconnectedAtOnce(leaving: Leaving, reused: Bool) async throws {
        try await HTTPTestCluster.run(agents: 0, heartbeat: 20) { cluster, master in
            let body = Array(Self.register("leaving").utf8)
            let head = "POST \(Self.path) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
            let socket = try PlainSocket(port: master.port)
            if reused {
                try socket.send(Array("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                #expect(try await socket.receive(until: "200 OK", timeout: 5))
            }
            try socket.send(Array(head.utf8) + body)
            switch leaving {
            case .closesWhenRegistered, .halfClosesWhenRegistered:
                #expect(try await socket.receive(until: #""REGISTERED""#, timeout: 5))
                #expect(await cluster.master.snapshot().agents.first?.active == true)
                if leaving == .closesWhenRegistered { socket.close() } else { socket.shutdownWrite() }
            case .halfClosesBeforeRegistered:
                socket.shutdownWrite()
            case .closesBeforeRegistered:
                socket.close()
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while await cluster.master.snapshot().agents.first?.active != false, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(await cluster.master.snapshot().agents.first?.active == false, "the master still counts a closed agent stream as connected")
        }
    }

    /// What the master says while it registers the agent comes after REGISTERED; heartbeats
    /// follow; an agent marked gone is told to shut down, and may not come back.
    @Test func theStreamCarriesTheMastersMessagesInOrderAndAGoneAgentIsShutDown() async throws {
        try await HTTPTestCluster.run(agents: 0, heartbeat: 0.2) { cluster, master in
            let ghost = RunningTaskReport(
                frameworkID: "nobody", task: TaskInfo(name: "t", taskID: "orphan", agentID: "lean", resources: Resources([.scalar("cpus", 1)]), command: .shell("sleep 9")),
                state: .running)
            var request = HTTPClientRequest(url: master.url(Self.path))
            request.method = .POST
            for (name, value) in Self.json { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(string: Self.register("lean", tasks: [ghost])))
            let response = try await RawHTTP.oneRequestPerConnection.execute(request, timeout: .seconds(10))
            #expect(response.status == .ok)
            let events = EventReader<AgentEvent>(body: response.body)
            #expect(try await events.next(timeout: 5) == .registered("lean", heartbeatIntervalSeconds: 0.2))
            // The task of a framework nobody knows is killed, in the same breath as the registration.
            let second = try await events.next(timeout: 5)
            #expect(second == .message(.kill("nobody", "orphan", nil)), "\(String(describing: second))")
            #expect(try await events.next(timeout: 5) == .heartbeat)
            #expect(await cluster.master.markAgentGone("lean"))
            // The agent is told to shut down; it is the one to close its connection.
            var shutdown = false
            for _ in 0..<50 where !shutdown {
                guard let event = try await events.next(timeout: 5) else { break }
                if case .message(.shutdown) = event { shutdown = true }
            }
            #expect(shutdown, "no SHUTDOWN after the agent was marked gone")
            let again = try await RawHTTP(master: master).post(Self.path, json: Self.register("lean"), headers: Self.json, fresh: true)
            #expect(again.status == 403)
            #expect(again.body.contains("gone"))
        }
    }
}
