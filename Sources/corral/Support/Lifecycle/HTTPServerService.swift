import ServiceLifecycle

/// A Hummingbird server as a `Service`: it shuts down gracefully by itself (it stops accepting,
/// answers what is in flight, ends its event streams). Prints 'corral NAME listening on
/// ADDRESS:PORT' once it serves, which scripts wait for; failing to serve, says so and fails.
struct HTTPServerService: Service, CustomStringConvertible {
    let command: String
    let ip: String
    let port: Int
    /// Printed before the address: "https://" for a server with TLS.
    var scheme = ""
    let serve: @Sendable (_ onListening: @escaping @Sendable (Int) async -> Void) async throws -> Void
    /// Gets the port chosen, after the line is printed.
    var onListening: @Sendable (Int) async -> Void = { _ in }

    var description: String { "\(command) HTTP server" }

    func run() async throws {
        do {
            try await serve { [command, ip, scheme, onListening] port in
                print("corral \(command) listening on \(scheme)\(ip):\(port)")
                fflushStandardOutput()
                await onListening(port)
            }
        } catch is CancellationError {
            return
        } catch {
            throw ProcessLifecycle.failed(command, "cannot serve on \(ip):\(port): \(error)")
        }
    }
}
