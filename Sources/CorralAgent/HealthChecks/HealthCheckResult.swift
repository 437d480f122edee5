/// What one attempt of a health check found, in words a status message can carry:
/// "HTTP GET http://127.0.0.1:31001/health: connection refused".
struct HealthCheckResult: Hashable, Sendable {
    var passed: Bool
    var message: String

    static func passed(_ message: String) -> HealthCheckResult { HealthCheckResult(passed: true, message: message) }
    static func failed(_ message: String) -> HealthCheckResult { HealthCheckResult(passed: false, message: message) }
}
