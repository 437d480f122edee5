import ArgumentParser
import AsyncHTTPClient
import CorralHTTPServer
import CorralMesosJSON
import CorralModel
import CorralSDKHTTP
import Foundation

/// `corral master`'s authentication and authorization flags, named as Mesos's.
struct MasterSecurityOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Credentials the master accepts: Mesos's JSON ({\"credentials\":[{\"principal\":…,\"secret\":…}]}) or lines of 'principal secret'.",
        valueName: "file"))
    var credentials: String?

    @Flag(name: .customLong("authenticate-frameworks"), help: "Frameworks must present HTTP Basic credentials on /api/v1/scheduler; a framework is bound to its principal.")
    var authenticateFrameworks = false

    @Flag(name: .customLong("authenticate-agents"), help: "Agents must present credentials (`corral agent --credential`); an agent ID is bound to the principal that registered it.")
    var authenticateAgents = false

    @Flag(name: .customLong("authenticate-http-readwrite"), help: "The operator API (/api/v1) needs credentials.")
    var authenticateHTTPReadwrite = false

    @Flag(name: .customLong("authenticate-http-readonly"), help: "The read-only endpoints (/master/state, /master/tasks, …) need credentials; /health, /version and /redirect stay open.")
    var authenticateHTTPReadonly = false

    @Option(help: ArgumentHelp(
        "Access control lists: the JSON of Mesos's acls.proto (permissive, register_frameworks, run_tasks, teardown_frameworks, view_frameworks, view_tasks, update_weights, get_endpoints, …).",
        valueName: "file"))
    var acls: String?

    func validate() throws {
        if credentials == nil, authenticateFrameworks || authenticateAgents || authenticateHTTPReadwrite || authenticateHTTPReadonly {
            throw ValidationError("--authenticate-* needs --credentials FILE: there is nobody to authenticate against")
        }
    }

    /// The realms that need credentials, with the credentials read from `--credentials`.
    func authenticator() throws -> HTTPAuthenticator {
        guard let credentials else { return .none }
        let accepted = try readCredentials(credentials, flag: "--credentials")
        var realms: Set<String> = []
        if authenticateFrameworks { realms.insert(MesosRealm.scheduler) }
        if authenticateAgents { realms.insert(MesosRealm.agent) }
        if authenticateHTTPReadwrite { realms.insert(MesosRealm.readwrite) }
        if authenticateHTTPReadonly { realms.insert(MesosRealm.readonly) }
        return HTTPAuthenticator(credentials: Credentials(accepted), requiredRealms: realms)
    }

    /// The ACLs of `--acls`, or everything allowed.
    func accessControl() throws -> ACLs {
        guard let acls else { return .allowAll }
        let text = try readSecurityFile(acls, flag: "--acls")
        do { return try ACLs(json: text) } catch {
            throw ValidationError("--acls \(acls): \(error)")
        }
    }
}

/// A credentials or ACL file's text, or an error naming the flag and the file.
func readSecurityFile(_ path: String, flag: String) throws -> String {
    do {
        return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw ValidationError("\(flag) \(path): cannot read the file (\(error.localizedDescription))")
    }
}

/// The credentials a `--credentials` or `--http-credentials` file holds, or an error naming the
/// flag and the file.
func readCredentials(_ path: String, flag: String) throws -> [Credential] {
    let text = try readSecurityFile(path, flag: flag)
    do { return try CredentialsFile.credentials(from: text) } catch {
        throw ValidationError("\(flag) \(path): \(error)")
    }
}

/// Says loudly that a server anyone on the network can reach accepts anyone: Mesos and
/// Marathon do this quietly, and people find out too late.
func warnIfOpenToTheNetwork(_ command: String, ip: String, authenticated: Bool) {
    let loopback = ip == "localhost" || ip == "::1" || ip.hasPrefix("127.")
    guard !loopback, !authenticated else { return }
    printError("""
        corral \(command): WARNING: listening on \(ip) without authentication. Anyone who reaches this port \
        can run commands on the cluster. Bind 127.0.0.1, or turn authentication on (see --help).
        """)
}

/// What a framework or a console presents to a master that authenticates: Mesos's
/// `--principal` with the secret in a file, so that it shows neither in `ps` nor in history.
struct PrincipalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Principal to authenticate to the master as (HTTP Basic); needs --secret-file.", valueName: "name"))
    var principal: String?

    @Option(name: .customLong("secret-file"), help: ArgumentHelp("File holding the principal's secret (surrounding whitespace ignored).", valueName: "file"))
    var secretFile: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM certificates to trust, besides the system's, for a master (and its agents) on https://.", valueName: "file"))
    var caFile: String?

    func validate() throws {
        if (principal == nil) != (secretFile == nil) {
            throw ValidationError("--principal and --secret-file go together: give both or neither")
        }
        if let principal, principal.isEmpty || principal.contains(":") {
            throw ValidationError("--principal must be a non-empty name without ':', got '\(principal)'")
        }
    }

    /// The HTTP client to reach the master through: one that trusts `--ca-file` too, or the
    /// shared one; without `retryingConnections`, one that fails at once when a server is down.
    func client(retryingConnections: Bool = true) throws -> HTTPClient {
        do { return try HTTPClients.client(caFile: caFile, retryingConnections: retryingConnections) } catch { throw ValidationError("\(error)") }
    }

    /// The credential to present, or nil to present none.
    func credential() throws -> Credential? {
        guard let principal, let secretFile else { return nil }
        let secret = try readSecurityFile(secretFile, flag: "--secret-file").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw ValidationError("--secret-file \(secretFile): the file is empty") }
        return Credential(principal: principal, secret: secret)
    }
}

/// `--tls-cert` and `--tls-key`: a server that speaks HTTPS.
struct TLSServerOptions: ParsableArguments {
    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate chain: serve HTTPS instead of HTTP (needs --tls-key).", valueName: "file"))
    var certificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key of --tls-cert.", valueName: "file"))
    var key: String?

    func validate() throws {
        if (certificate == nil) != (key == nil) { throw ValidationError("--tls-cert and --tls-key go together: give both or neither") }
    }

    var transport: ServerTransport {
        var transport = ServerTransport()
        if let certificate, let key { transport.tls = (certificate, key) }
        return transport
    }
}
