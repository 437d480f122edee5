/// An HTTP check: healthy when GET http://127.0.0.1:<port><path> answers 200–399, as Mesos
/// counts it. HTTP/1.0 with `Connection: close` needs nothing but the status line: a few lines
/// here rather than an HTTP client for the agent.
struct HTTPProbe: HealthProbe {
    let port: UInt16
    /// Starts with "/"; "/" when the check gives none.
    let path: String

    init(port: UInt16, path: String?) {
        self.port = port
        let given = path ?? ""
        self.path = given.hasPrefix("/") ? given : "/" + given
    }

    var url: String { "http://127.0.0.1:\(port)\(path)" }
    var name: String { "HTTP GET \(url)" }

    var request: [UInt8] {
        Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: corral-health-check\r\nConnection: close\r\n\r\n".utf8)
    }

    func attempt() async -> HealthCheckResult {
        switch await LoopbackSocket.exchange(port: port, request: request) {
        case .connected(let reply):
            guard let status = Self.status(in: reply) else { return .failed("\(name): not an HTTP response") }
            return (200..<400).contains(status) ? .passed("\(name): status \(status)") : .failed("\(name): status \(status)")
        case .failed(let reason):
            return .failed("\(name): \(reason)")
        case .cancelled:
            return .failed("\(name): cancelled")
        }
    }

    /// The code of a status line such as "HTTP/1.1 503 Service Unavailable".
    static func status(in reply: [UInt8]) -> Int? {
        let line = String(decoding: reply.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        let fields = line.split(separator: " ", maxSplits: 2)
        guard fields.count >= 2, fields[0].hasPrefix("HTTP/"), fields[1].count == 3 else { return nil }
        return Int(fields[1])
    }
}
