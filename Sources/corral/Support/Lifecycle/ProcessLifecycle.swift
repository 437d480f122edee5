import ArgumentParser
import Logging
import ServiceLifecycle
import UnixSignals

/// The one lifecycle of every long-running command (`corral master`, `agent`, `services`,
/// `jobs`, `record`, and the console on an embedded cluster): its parts run as `Service`s of one
/// `ServiceGroup`, and SIGTERM or SIGINT shuts them down gracefully, one at a time, the last
/// listed first. So a command lists its core before its HTTP server: the server stops taking
/// requests (and ends its event streams) before the actor behind it stops.
///
/// A part that ends or fails on its own shuts the others down the same way. A failing part
/// says why itself (see `ProcessLifecycle.failed`); the command then exits 1.
///
/// The console passes no `signals`: while curses owns the terminal its own handlers must see
/// SIGINT and SIGTERM, to give the terminal back on every exit (`TerminalSignals`); the console
/// then ends as its part, and the group shuts the cluster down after it. `corral execute`
/// counts its interrupts itself (the second one means "stop waiting").
enum ProcessLifecycle {
    /// How long a graceful shutdown may take before what is left is cancelled: a client that
    /// never reads must not keep the process, and test scripts give a process 15 s to exit.
    static let gracefulShutdownLimit: Duration = .seconds(10)

    static func run(
        _ command: String, _ services: [any Service], signals: [UnixSignal] = [.sigterm, .sigint], logger: Logger
    ) async throws {
        let parts = services.map { service in
            ServiceGroupConfiguration.ServiceConfiguration(
                service: service, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)
        }
        var configuration = ServiceGroupConfiguration(services: parts, gracefulShutdownSignals: signals, logger: logger)
        configuration.maximumGracefulShutdownDuration = gracefulShutdownLimit
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch let exit as ExitCode {
            throw exit
        } catch is CancellationError {
            // Only the limit above cancels the parts: what was left has been cancelled.
            logger.warning("the graceful shutdown took longer than \(gracefulShutdownLimit): what was left was cancelled")
        } catch {
            throw failed(command, "\(error)")
        }
    }

    /// What a part throws once it has printed why it failed: the command exits 1 without
    /// saying it again.
    static func failed(_ command: String, _ message: String) -> any Error {
        printError("corral \(command): \(message)")
        return ExitCode(1)
    }
}
