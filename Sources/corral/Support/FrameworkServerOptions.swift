import ArgumentParser
import CorralHTTP
import Logging

/// What `corral services` and `corral jobs` share: the master they run on, the address their
/// REST API binds to, and the log level.
struct FrameworkServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The master to run on.", valueName: "host:port"), transform: parseAddress)
    var master: MasterAddress

    @Option(help: "Address to bind the REST API to.")
    var ip = "127.0.0.1"

    @Option(name: .customLong("log-level"), help: "Log level (to standard error).")
    var logLevel: Logger.Level = .info
}

/// `--port`, checked.
func validatePort(_ port: Int) throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535, got \(port)") }
}
