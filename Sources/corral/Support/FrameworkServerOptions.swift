import ArgumentParser
import CorralHTTPServer
import CorralModel
import CorralSDK
import CorralSDKHTTP
import Logging

/// What `corral services` and `corral jobs` share: the master they run on, the address their
/// REST API binds to, and the log level.
struct FrameworkServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The master to run on.", valueName: "host:port"), transform: parseAddress)
    var master: MasterAddress

    @Option(help: "Address to bind the REST API to.")
    var ip = "127.0.0.1"

    @Option(name: .customLong("reconciliation-interval"), help: ArgumentHelp("Seconds between periodic reconciliations with the master (the first comes --reconciliation-initial-delay after subscribing; every subscription also reconciles at once).", valueName: "seconds"))
    var reconciliationInterval = 600.0

    @Option(name: .customLong("reconciliation-initial-delay"), help: ArgumentHelp("Seconds after subscribing before the first periodic reconciliation.", valueName: "seconds"))
    var reconciliationInitialDelay = 15.0

    @Option(name: .customLong("reconciliation-max-backoff"), help: ArgumentHelp("After subscribing, tasks the master does not answer for are asked about again with a growing delay of at most this many seconds.", valueName: "seconds"))
    var reconciliationMaxBackoff = 30.0

    @Option(name: .customLong("http-credentials"), help: ArgumentHelp("Every request to the REST API must carry these (HTTP Basic), as Marathon's and Chronos's --http_credentials.", valueName: "user:password"))
    var httpCredentials: String?

    @Option(name: .customLong("http-realm"), help: ArgumentHelp("The realm of the REST API's Basic challenge.", valueName: "realm"))
    var httpRealm = "Mesosphere"

    @OptionGroup(title: "Authenticating to the master")
    var identity: PrincipalOptions

    @OptionGroup(title: "TLS of the REST API")
    var tls: TLSServerOptions

    @Option(name: .customLong("log-level"), help: "Log level (to standard error).")
    var logLevel: Logger.Level = .info

    func validate() throws {
        if let httpCredentials, Credential(userColonPassword: httpCredentials) == nil {
            throw ValidationError("--http-credentials must be user:password (neither empty, no ':' in the password), got '\(httpCredentials)'")
        }
        for (flag, value) in [
            ("--reconciliation-interval", reconciliationInterval), ("--reconciliation-initial-delay", reconciliationInitialDelay),
            ("--reconciliation-max-backoff", reconciliationMaxBackoff),
        ] {
            guard value > 0, value.isFinite else { throw ValidationError("\(flag) must be a positive number of seconds, got \(value)") }
        }
    }

    /// Who may use the REST API: nobody is asked without --http-credentials.
    var restAuthenticator: HTTPAuthenticator {
        guard let credential = httpCredentials.flatMap(Credential.init(userColonPassword:)) else { return .none }
        return HTTPAuthenticator(credentials: Credentials([credential]), requiredRealms: [httpRealm])
    }

    /// The framework's transport to the master, presenting --principal's credential if given.
    func transport(logger: Logger) throws -> HTTPSchedulerTransport {
        HTTPSchedulerTransport(master: master, credential: try identity.credential(), client: try identity.client(), logger: logger)
    }

    /// When the framework reconciles with the master, as these flags say.
    var reconciliation: ReconciliationPolicy {
        ReconciliationPolicy(
            initialBackoff: .clampedSeconds(min(1, reconciliationMaxBackoff)), maximumBackoff: .clampedSeconds(reconciliationMaxBackoff),
            firstPeriodic: .clampedSeconds(reconciliationInitialDelay), interval: .clampedSeconds(reconciliationInterval))
    }
}

/// `--port`, checked.
func validatePort(_ port: Int) throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535, got \(port)") }
}
