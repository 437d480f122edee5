import Foundation

/// A framework in a process of its own (`corral services`, `corral jobs`): the framework on its
/// master and its REST server run together until a signal, or until either fails. The framework
/// stops without tearing down, so its tasks keep running and a restart re-attaches to them.
enum FrameworkProcess {
    static func run(
        name: String, ip: String,
        framework: @escaping @Sendable () async throws -> Void,
        server: @escaping @Sendable (@escaping @Sendable (Int) async -> Void) async throws -> Void,
        stop: @escaping @Sendable () async -> Void
    ) async throws {
        let signals = InterruptSignals()
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await framework() }
            group.addTask {
                try await server { port in
                    print("corral \(name) listening on \(ip):\(port)")
                    fflushStandardOutput()
                }
            }
            group.addTask {
                for await _ in signals.stream { return }
            }
            do { try await group.next() } catch { printError("corral \(name): \(error)") }
            await stop()
            group.cancelAll()
        }
    }
}
