/// One kind of health check's effect: run an attempt, say what it found. Attempts must end
/// promptly when their task is cancelled (the monitor cancels them on timeout and when the task
/// ends) and leave nothing behind.
protocol HealthProbe: Sendable {
    /// What is checked, to start messages with: "TCP connect to 127.0.0.1:31002".
    var name: String { get }
    func attempt() async -> HealthCheckResult
}

/// A check that cannot be run as given (a COMMAND check without a command, an HTTP check
/// without a port): every attempt fails with the reason, so the framework hears why.
struct UnusableProbe: HealthProbe {
    var name: String
    var problem: String

    func attempt() async -> HealthCheckResult { .failed("\(name): \(problem)") }
}
