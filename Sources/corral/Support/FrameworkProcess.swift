import ArgumentParser
import Foundation

/// A framework in a process of its own (`corral services`, `corral jobs`): the framework on its
/// master and its REST server run together until a signal, or until either fails (the master
/// refusing the framework, the port taken). The framework stops without tearing down, so its
/// tasks keep running and a restart with the same store re-attaches to them. A failure exits 1.
enum FrameworkProcess {
    static func run(
        name: String, ip: String, port: Int, authenticated: Bool,
        framework: @escaping @Sendable () async throws -> Void,
        server: @escaping @Sendable (@escaping @Sendable (Int) async -> Void) async throws -> Void,
        stop: @escaping @Sendable () async -> Void
    ) async throws {
        warnIfOpenToTheNetwork(name, ip: ip, authenticated: authenticated)
        let signals = InterruptSignals()
        let failed = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    try await framework()
                    return false
                } catch is CancellationError {
                    return false  // stopping on a signal
                } catch {
                    printError("corral \(name): \(error)")
                    return true
                }
            }
            group.addTask {
                do {
                    try await server { port in
                        print("corral \(name) listening on \(ip):\(port)")
                        fflushStandardOutput()
                    }
                    return false
                } catch is CancellationError {
                    return false
                } catch {
                    printError("corral \(name): cannot serve on \(ip):\(port): \(error)")
                    return true
                }
            }
            group.addTask {
                for await _ in signals.stream { break }
                return false
            }
            // The first to end ends them all.
            let failed = await group.next() ?? false
            await stop()
            group.cancelAll()
            return failed
        }
        if failed { throw ExitCode(1) }
    }
}
