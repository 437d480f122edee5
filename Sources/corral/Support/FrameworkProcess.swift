import Logging

/// A framework in a process of its own (`corral services`, `corral jobs`): the framework on its
/// master and its REST server run together until SIGTERM or SIGINT, or until either fails (the
/// master refusing the framework, the port taken). The server stops first; then the framework
/// stops without tearing down, so its tasks keep running and a restart with the same store
/// re-attaches to them. A failure exits 1.
enum FrameworkProcess {
    static func run(
        name: String, ip: String, port: Int, authenticated: Bool, logger: Logger,
        framework: @escaping @Sendable () async throws -> Void,
        server: @escaping @Sendable (@escaping @Sendable (Int) async -> Void) async throws -> Void,
        stop: @escaping @Sendable () async -> Void
    ) async throws {
        warnIfOpenToTheNetwork(name, ip: ip, authenticated: authenticated)
        try await ProcessLifecycle.run(name, [
            LongRunningService(description: "\(name) framework", work: {
                do {
                    try await framework()
                } catch is CancellationError {
                    return  // stopping
                } catch {
                    throw ProcessLifecycle.failed(name, "\(error)")
                }
            }, stop: stop),
            HTTPServerService(command: name, ip: ip, port: port, serve: server),
        ], logger: logger)
    }
}
