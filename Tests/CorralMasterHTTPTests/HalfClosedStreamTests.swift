import CorralHTTPTesting
import CorralTesting
import Testing

/// The server allows half-closed connections: a stream's client that closes its side is let
/// go at once, and a client that closes its side after its request still reads the answer.
@Suite(.timeLimit(.minutes(2))) struct HalfClosedStreamTests {
    static func request(_ path: String, _ json: String) -> [UInt8] {
        Array("POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\n\r\n\(json)".utf8)
    }

    enum Leaving: String, CaseIterable, Sendable {
        /// Closes its socket once subscribed (a kill -9).
        case closesWhenSubscribed
        /// Shuts down its sending side once subscribed.
        case halfClosesWhenSubscribed
        /// Shuts down its sending side right after SUBSCRIBE: the stream ends as it starts.
        case halfClosesBeforeSubscribed
        /// Closes its socket right after SUBSCRIBE, before the master answers.
        case closesBeforeSubscribed
    }

    /// With heartbeats 20 s apart, the master used to count the framework as connected until
    /// a heartbeat failed to reach it.
    @Test(arguments: Leaving.allCases) func aSchedulerThatClosesItsStreamIsDisconnectedAtOnce(leaving: Leaving) async throws {
        try await HTTPTestCluster.run(agents: 0, heartbeat: 20) { cluster, master in
            let socket = try PlainSocket(port: master.port)
            try socket.send(Self.request("/api/v1/scheduler", #"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"root","name":"gone","failover_timeout":3600}}}"#))
            switch leaving {
            case .closesWhenSubscribed, .halfClosesWhenSubscribed:
                #expect(try await socket.receive(until: #""SUBSCRIBED""#, timeout: 5), "received: \(String(decoding: socket.received, as: UTF8.self))")
                #expect(await cluster.master.snapshot().frameworks.first?.connected == true)
                if leaving == .closesWhenSubscribed { socket.close() } else { socket.shutdownWrite() }
            case .halfClosesBeforeSubscribed:
                socket.shutdownWrite()
            case .closesBeforeSubscribed:
                socket.close()
            }
            #expect(await eventually(timeout: 10) { await cluster.master.snapshot().frameworks.first?.connected == false }, "the master still counts a closed stream's framework as connected")
        }
    }

    @Test func aClientThatClosesItsSideAfterItsRequestStillReadsTheAnswer() async throws {
        try await HTTPTestCluster.run(agents: 0) { _, master in
            let socket = try PlainSocket(port: master.port)
            try socket.send(Self.request("/api/v1", #"{"type":"GET_HEALTH"}"#))
            socket.shutdownWrite()
            #expect(try await socket.receive(until: #""healthy":true"#, timeout: 5))
        }
    }
}
