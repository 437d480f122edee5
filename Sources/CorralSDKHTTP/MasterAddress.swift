/// `HOST:PORT` as given to `--master` (Mesos's form); `https://HOST:PORT` for a server with TLS.
/// An IPv6 literal is written in brackets (`[::1]:5050`) and kept without them in `host`.
public struct MasterAddress: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// Reached over TLS (`https://`), its certificate checked against the system's roots or
    /// `--ca-file`.
    public var secure: Bool

    public init(host: String, port: Int, secure: Bool = false) {
        self.host = host
        self.port = port
        self.secure = secure
    }

    public init(parsing text: String) throws(MasterAddressError) {
        var rest = Substring(text)
        let secure = rest.hasPrefix("https://")
        for scheme in ["http://", "https://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port),
            !rest[..<colon].isEmpty
        else { throw MasterAddressError(text: text) }
        var host = rest[..<colon]
        if host.hasPrefix("[") || host.hasSuffix("]") {
            guard host.count > 2, host.hasPrefix("["), host.hasSuffix("]") else { throw MasterAddressError(text: text) }
            host = host.dropFirst().dropLast()
        }
        self.init(host: String(host), port: port, secure: secure)
    }

    public var description: String { secure ? "https://\(authority)" : authority }

    public func url(_ path: String) -> String { "\(secure ? "https" : "http")://\(authority)\(path)" }

    /// `host:port`, with an IPv6 literal in brackets (`http://::1:5051` names no host). Agents
    /// register with their own hostname, `::1` among them; one already in brackets is kept.
    private var authority: String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

public struct MasterAddressError: Error, CustomStringConvertible {
    public var text: String
    public var description: String { "'\(text)' is not a master address: expected HOST:PORT, e.g. 127.0.0.1:5050" }
}
