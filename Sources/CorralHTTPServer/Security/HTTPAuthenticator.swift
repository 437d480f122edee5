import CorralMesosJSON
import CorralModel
import HTTPTypes
import Hummingbird

/// HTTP Basic authentication against a server's credentials, by realm, as Mesos, Marathon and
/// Chronos answer it: a request for a realm that requires authentication and carries no valid
/// credential gets 401 with `WWW-Authenticate: Basic realm="…"` (some clients, chronos-python's
/// httplib2 among them, send credentials only after such a challenge).
public struct HTTPAuthenticator: Sendable {
    public var credentials: Credentials
    /// The realms whose requests must be authenticated; requests for the others are served
    /// anonymously, their credentials unread, as Mesos does.
    public var requiredRealms: Set<String>

    public init(credentials: Credentials = Credentials(), requiredRealms: Set<String> = []) {
        self.credentials = credentials
        self.requiredRealms = requiredRealms
    }

    /// Authentication off everywhere.
    public static let none = HTTPAuthenticator()

    public var isEnabled: Bool { !requiredRealms.isEmpty }

    /// The principal `request` authenticated as in `realm`; nil when the realm does not require
    /// authentication. Throws the 401 challenge when it does and the request has no valid
    /// credential.
    package func principal(of request: Request, realm: String) throws(HTTPProblem) -> String? {
        guard requiredRealms.contains(realm) else { return nil }
        guard let header = request.headers[.authorization] else {
            throw Self.challenge(realm, "Authentication required")
        }
        guard let credential = Credential(basicAuthorization: header), credentials.accepts(credential) else {
            throw Self.challenge(realm, "Invalid credentials")
        }
        return credential.principal
    }

    package static func challenge(_ realm: String, _ message: String) -> HTTPProblem {
        HTTPProblem(.unauthorized, "\(message) for realm '\(realm)'", headers: [.wwwAuthenticate: "Basic realm=\"\(realm)\""])
    }
}
