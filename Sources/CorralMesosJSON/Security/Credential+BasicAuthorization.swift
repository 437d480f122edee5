import CorralModel

/// HTTP Basic authentication (RFC 7617), how a credential travels in an `Authorization` header.
extension Credential {
    /// The value of an `Authorization: Basic …` header that presents this credential.
    public var basicAuthorization: String {
        "Basic " + Base64.encode(Array("\(principal):\(secret)".utf8))
    }

    /// The credential of an `Authorization` header, or nil when it carries none that Basic
    /// authentication can read. As in Mesos, a secret may not contain ':'.
    public init?(basicAuthorization header: String) {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let decoded = Base64.decode(String(parts[1]).trimmingSpaces)
        else { return nil }
        let fields = String(decoding: decoded, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2, !fields[0].isEmpty else { return nil }
        self.init(principal: String(fields[0]), secret: String(fields[1]))
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
