import CorralModel
import CorralTesting
import Testing

@testable import CorralAgent

/// The HTTP and TCP probes against sockets of this process.
@Suite("Health probes", .timeLimit(.minutes(1)))
struct HealthProbeTests {
    @Test("The status code comes from the status line", arguments: [
        ("HTTP/1.0 200 OK\r\nServer: x\r\n", 200), ("HTTP/1.1 503 Service Unavailable\r\n", 503), ("HTTP/1.1 302\n", 302),
        ("SSH-2.0-OpenSSH_9.2\r\n", nil), ("HTTP/1.1 20 short\r\n", nil), ("", nil),
    ] as [(String, Int?)])
    func statusLine(reply: String, status: Int?) {
        #expect(HTTPProbe.status(in: Array(reply.utf8)) == status)
    }

    @Test("The path defaults to / and always starts with one")
    func paths() {
        #expect(HTTPProbe(port: 8080, path: nil).url == "http://127.0.0.1:8080/")
        #expect(HTTPProbe(port: 8080, path: "health").url == "http://127.0.0.1:8080/health")
        #expect(HTTPProbe(port: 8080, path: "/ready?deep=1").name == "HTTP GET http://127.0.0.1:8080/ready?deep=1")
    }

    @Test("A TCP check passes when the port accepts connections")
    func tcpConnects() async throws {
        let listener = try SilentListener()
        #expect(await TCPProbe(port: listener.port).attempt() == .passed("TCP connect to 127.0.0.1:\(listener.port): connected"))
    }

    @Test("An HTTP check that gets no answer fails at its timeout, its socket given up")
    func httpTimeout() async throws {
        let listener = try SilentListener()
        let check = HealthCheck(kind: .http, timeoutSeconds: 0.2, port: UInt32(listener.port))
        let monitor = HealthMonitor(check: check, probe: HTTPProbe(port: listener.port, path: nil), clock: SystemClock())
        #expect(await monitor.attempt() == .failed("HTTP GET http://127.0.0.1:\(listener.port)/: timed out after 0.2 s"))
    }

    @Test("Cancelling an exchange ends it at once")
    func cancelledExchange() async throws {
        let listener = try SilentListener()
        let exchange = Task { await LoopbackSocket.exchange(port: listener.port, request: Array("GET / HTTP/1.0\r\n\r\n".utf8)) }
        exchange.cancel()
        #expect(await exchange.value(within: .seconds(30)) == .cancelled)
    }

    @Test("Checks without what they need fail every attempt, saying why")
    func unusable() async throws {
        try await Fixture.withContainerizer(.posix) { containerizer, _ in
            let command = HealthCheck(kind: .command).probe(containerizer: containerizer, containerID: "c", taskEnvironment: [:])
            let http = HealthCheck(kind: .http, port: 70000).probe(containerizer: containerizer, containerID: "c", taskEnvironment: [:])
            #expect(await command.attempt() == .failed("COMMAND health check: it has no command"))
            #expect(await http.attempt() == .failed("HTTP health check: it has no port"))
        }
    }
}
