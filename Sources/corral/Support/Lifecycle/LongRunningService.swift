import ServiceLifecycle

/// Work that runs until cancelled (a master's clock and its in-process agents, an agent, a
/// framework's driver) as a `Service`. On graceful shutdown `stop` runs first, to end the work
/// the way its owner prefers (a framework stops without tearing down), and then what is left
/// is cancelled, which is how these stop; their end is awaited, not reported as an error.
struct LongRunningService: Service, CustomStringConvertible {
    let description: String
    let work: @Sendable () async throws -> Void
    var stop: @Sendable () async -> Void = {}

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await gracefulShutdown()
                await stop()
            }
            // The work ending (or failing), or a graceful shutdown having asked it to stop.
            try await group.next()
            // Cancels what is left; leaving the group awaits it, and drops its CancellationError.
            group.cancelAll()
        }
    }
}
