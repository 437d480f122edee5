/// A principal and its secret, as Mesos's credential files hold them.
public struct Credential: Hashable, Sendable {
    public var principal: String
    public var secret: String

    public init(principal: String, secret: String) {
        self.principal = principal
        self.secret = secret
    }
}

/// The principals a server accepts (`--credentials` of the master, `--http-credentials` of an
/// agent). Secrets are compared in time independent of where they differ.
public struct Credentials: Hashable, Sendable {
    public private(set) var secrets: [String: String]

    public init(_ credentials: [Credential] = []) {
        secrets = [:]
        for credential in credentials { secrets[credential.principal] = credential.secret }
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// Whether `credential` names a known principal with its secret.
    public func accepts(_ credential: Credential) -> Bool {
        guard let secret = secrets[credential.principal] else { return false }
        return Self.constantTimeEqual(Array(secret.utf8), Array(credential.secret.utf8))
    }

    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }
}

extension Credential {
    /// Marathon's and Chronos's `--http_credentials` form, `user:password`: neither empty, and no
    /// ':' in the password (HTTP Basic could not carry it); nil otherwise.
    public init?(userColonPassword text: String) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !parts[1].contains(":") else { return nil }
        self.init(principal: String(parts[0]), secret: String(parts[1]))
    }
}
