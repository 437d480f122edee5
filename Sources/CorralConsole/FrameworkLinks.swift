import ConsoleCore
import CorralSDK

/// What the console's Services pane reads and asks: Services in this process, or Services (or
/// a Marathon) over its REST API.
public protocol ServicesLink: Sendable {
    func rows() async throws -> [ServiceRow]
    func scale(_ id: String, to instances: Int) async throws
    /// Creates the app; returns what to tell the user.
    func create(_ spec: NewAppSpec) async throws -> String
}

/// What the console's Jobs pane reads and asks: Jobs in this process, or Jobs (or a Chronos)
/// over its REST API.
public protocol JobsLink: Sendable {
    func rows() async throws -> [JobRow]
    func runNow(_ name: String) async throws
}

/// A framework the console runs itself, on the cluster it shows.
public protocol EmbeddedFramework: Sendable {
    func run<Transport: SchedulerTransport>(transport: Transport) async throws
    func stop() async
}
