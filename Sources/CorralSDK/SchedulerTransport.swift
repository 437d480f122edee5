import CorralModel

/// How a driver reaches a master: in process (no serialisation), or over Mesos's v1 scheduler
/// HTTP API. Schedulers never see the difference.
public protocol SchedulerTransport: Sendable {
    /// Subscribes the framework. The stream carries the master's events, SUBSCRIBED first; it
    /// finishes when the master closes it and throws when the connection fails.
    func subscribe(_ framework: FrameworkInfo, suppressedRoles: [String]) async throws -> AsyncThrowingStream<SchedulerEvent, any Error>

    /// Subscribes the framework and hands the master's events to `deliver` as they come,
    /// after `connected`; returns when the master closes the subscription, throws when the
    /// connection fails, and ends the subscription when cancelled. By default it reads
    /// `subscribe`'s stream; a master in the same process delivers directly instead.
    func subscribe(
        _ framework: FrameworkInfo, suppressedRoles: [String], connected: @escaping @Sendable () -> Void,
        deliver: @escaping @Sendable (SchedulerEvent) -> Void
    ) async throws

    /// Sends one call of a subscribed framework.
    func send(_ call: SchedulerCall, frameworkID: FrameworkID) async throws

    /// Whether a lost connection is worth re-subscribing over (a network one is; an in-process
    /// master that closed the stream is gone for good).
    var reconnects: Bool { get }
}

extension SchedulerTransport {
    public func subscribe(
        _ framework: FrameworkInfo, suppressedRoles: [String], connected: @escaping @Sendable () -> Void,
        deliver: @escaping @Sendable (SchedulerEvent) -> Void
    ) async throws {
        let events = try await subscribe(framework, suppressedRoles: suppressedRoles)
        connected()
        for try await event in events { deliver(event) }
    }
}

/// Raised by the driver's calls.
public enum SchedulerDriverError: Error, Hashable, CustomStringConvertible {
    case notSubscribed
    case stopped
    /// The master refused the framework (an ERROR event), with its message.
    case refused(String)

    public var description: String {
        switch self {
        case .notSubscribed: "the framework is not subscribed yet"
        case .stopped: "the driver has stopped"
        case .refused(let message): "the master refused the framework: \(message)"
        }
    }
}
