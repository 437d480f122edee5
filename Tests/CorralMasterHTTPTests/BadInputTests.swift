import CorralCluster
import CorralHTTPTesting
import CorralModel
import CorralSDK
import CorralSDKHTTP
import CorralTesting
import Synchronization
import Testing

/// Malformed requests get a 4xx with a message, and none of them crashes or wedges the master:
/// a framework keeps running tasks over HTTP while the batch goes in.
@Suite(.timeLimit(.minutes(2))) struct BadInputTests {
    static let subscribe = #"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"root","name":"x"}}}"#

    /// (what is sent, expected status, a piece of the expected message)
    static func batch(frameworkID: String, streamID: String) -> [(String, String, [(String, String)], String, Int, String)] {
        let json = [("Content-Type", "application/json")]
        return [
            ("POST", "/api/v1/scheduler", json, "{not json", 400, "Failed to parse the call"),
            ("POST", "/api/v1/scheduler", json, #"{"type":"ACCEPT","framework_id":{"value":42}}"#, 400, "Failed to parse the call"),
            ("POST", "/api/v1/scheduler", json, #"{"type":"SUBSCRIBE"}"#, 400, "subscribe: missing required field"),
            ("POST", "/api/v1/scheduler", json, #"{"type":"LAUNCH_THE_MISSILES"}"#, 400, "LAUNCH_THE_MISSILES"),
            ("POST", "/api/v1/scheduler", [("Content-Type", "application/x-protobuf")], subscribe, 415, "application/json"),
            ("POST", "/api/v1/scheduler", [], subscribe, 400, "Content-Type"),
            ("POST", "/api/v1/scheduler", json + [("Accept", "text/html")], subscribe, 406, "Accept"),
            ("POST", "/api/v1/scheduler", json + [("Mesos-Stream-Id", "abc")], subscribe, 400, "to be absent for SUBSCRIBE"),
            ("POST", "/api/v1/scheduler", json, #"{"type":"REVIVE","framework_id":{"value":"\#(frameworkID)"}}"#, 400, "Mesos-Stream-Id"),
            ("POST", "/api/v1/scheduler", json + [("Mesos-Stream-Id", "not-the-one")], #"{"type":"REVIVE","framework_id":{"value":"\#(frameworkID)"}}"#, 400, "didn't match"),
            ("POST", "/api/v1/scheduler", json + [("Mesos-Stream-Id", streamID)], #"{"type":"REVIVE"}"#, 400, "framework_id"),
            ("POST", "/api/v1/scheduler", json + [("Mesos-Stream-Id", "x")], #"{"type":"REVIVE","framework_id":{"value":"nobody"}}"#, 400, "not known"),
            ("POST", "/api/v1/scheduler", json, "[" + String(repeating: "1,", count: 600_000) + "1]", 413, "larger than"),
            ("GET", "/api/v1/scheduler", [], "", 405, "POST"),
            ("GET", "/no/such/thing", [], "", 404, "No such endpoint"),
            ("POST", "/version", json, "{}", 405, "GET"),
            ("POST", "/corral/v1/agent", json, #"{"type":"UPDATE"}"#, 400, "update: missing required field"),
            ("POST", "/corral/v1/agent", json, #"{"type":"PING"}"#, 400, "agent_id"),
        ]
    }

    @Test func malformedRequestsGet4xxWhileAFrameworkKeepsRunningTasks() async throws {
        try await HTTPTestCluster.run { cluster, master in
            // A framework over HTTP that launches short tasks one after another.
            let finished = Mutex(0)
            let scheduler = Sequential(onFinished: { finished.withLock { $0 += 1 } })
            let transport = HTTPSchedulerTransport(master: master)
            let driver = SchedulerDriver(scheduler: scheduler, framework: FrameworkInfo(name: "steady"), transport: transport)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await driver.run() }
                #expect(await eventually { finished.withLock { $0 } >= 2 })
                let frameworkID = try #require(await driver.frameworkID)
                let raw = RawHTTP(master: master)

                // A subscribed framework on a stream of its own, to send calls with a real stream id.
                let streamID = "unused"
                for _ in 0..<3 {
                    for (method, path, headers, body, status, message) in Self.batch(frameworkID: frameworkID.value, streamID: streamID) {
                        let answer = try await raw.send(method, path, headers: headers, body: Array(body.utf8))
                        #expect(answer.status == status, "\(method) \(path) \(body.prefix(60)): \(answer.status) \(answer.body)")
                        #expect(answer.body.contains(message), "\(method) \(path): '\(answer.body)' should mention '\(message)'")
                    }
                }
                let before = finished.withLock { $0 }
                #expect(await eventually { finished.withLock { $0 } >= before + 2 }, "tasks stopped finishing")
                #expect(await cluster.master.invariantViolations() == [])
                await driver.stop()
                group.cancelAll()
            }
        }
    }

    @Test func callsFromAFrameworkWithoutAStreamAre403() async throws {
        try await HTTPTestCluster.run { cluster, master in
            // Subscribe, remember the stream id, then drop the stream: the framework (with a
            // failover timeout) is known but no longer subscribed.
            let transport = HTTPSchedulerTransport(master: master)
            var info = FrameworkInfo(name: "fleeting", failoverTimeout: 3600)
            info.roles = ["*"]
            let (ids, sink) = AsyncStream.makeStream(of: FrameworkID.self)
            let reading = Task {
                let events = try await transport.subscribe(info, suppressedRoles: [])
                for try await event in events {
                    if case .subscribed(let id, _, _) = event { sink.yield(id) }
                }
            }
            var iterator = ids.makeAsyncIterator()
            let frameworkID = try #require(await iterator.next())
            reading.cancel()  // ends the stream: the connection closes
            #expect(await eventually { await cluster.master.snapshot().frameworks.first?.connected == false })
            let answer = try await RawHTTP(master: master).post(
                "/api/v1/scheduler", json: #"{"type":"REVIVE","framework_id":{"value":"\#(frameworkID)"}}"#,
                headers: [("Content-Type", "application/json"), ("Mesos-Stream-Id", "whatever")])
            #expect(answer.status == 403)
            #expect(answer.body.contains("not subscribed"))
        }
    }
}

/// Launches one short task at a time, forever.
actor Sequential: Scheduler {
    let onFinished: @Sendable () -> Void
    var running = false
    var number = 0

    init(onFinished: @escaping @Sendable () -> Void) { self.onFinished = onFinished }

    func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {
        guard !running, let offer = offers.first else {
            try? await driver.decline(offers.map(\.id), filters: Filters(refuseSeconds: 0.1))
            return
        }
        running = true
        number += 1
        let task = TaskInfo(name: "t", taskID: TaskID("t-\(number)"), agentID: offer.agentID, resources: try! Resources(parsing: "cpus:0.1;mem:16"), command: .shell("true"))
        try? await driver.launch([task], on: [offer.id], filters: Filters(refuseSeconds: 0))
        try? await driver.decline(offers.dropFirst().map(\.id), filters: Filters(refuseSeconds: 0.1))
    }

    func update(_ driver: SchedulerDriver, _ status: TaskStatus) async {
        if status.state.isTerminal {
            running = false
            if status.state == .finished { onFinished() }
            try? await driver.revive()
        }
    }
}
