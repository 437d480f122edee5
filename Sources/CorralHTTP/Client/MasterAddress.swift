/// `HOST:PORT` as given to `--master` (Mesos's form; `http://` is accepted and dropped).
public struct MasterAddress: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init(parsing text: String) throws(MasterAddressError) {
        var rest = Substring(text)
        for scheme in ["http://", "https://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port),
            !rest[..<colon].isEmpty
        else { throw MasterAddressError(text: text) }
        self.init(host: String(rest[..<colon]), port: port)
    }

    public var description: String { "\(host):\(port)" }

    public func url(_ path: String) -> String { "http://\(host):\(port)\(path)" }
}

public struct MasterAddressError: Error, CustomStringConvertible {
    public var text: String
    public var description: String { "'\(text)' is not a master address: expected HOST:PORT, e.g. 127.0.0.1:5050" }
}
