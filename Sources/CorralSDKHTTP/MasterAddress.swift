/// `HOST:PORT` as given to `--master` (Mesos's form); `https://HOST:PORT` for a server with TLS.
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
        self.init(host: String(rest[..<colon]), port: port, secure: secure)
    }

    public var description: String { secure ? "https://\(host):\(port)" : "\(host):\(port)" }

    public func url(_ path: String) -> String { "\(secure ? "https" : "http")://\(host):\(port)\(path)" }
}

public struct MasterAddressError: Error, CustomStringConvertible {
    public var text: String
    public var description: String { "'\(text)' is not a master address: expected HOST:PORT, e.g. 127.0.0.1:5050" }
}
