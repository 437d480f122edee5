import CorralModel

/// Where one new instance stands with its app's readiness check: whether it answered ready, when
/// it is probed next, and what it last answered. Readiness is asked once a task runs (and passes
/// its health checks, if any) and stops mattering once it said ready.
public struct ReadinessProgress: Hashable, Sendable {
    /// The last probe answered one of `httpStatusCodesForReady`; the instance is not probed again.
    public var ready = false
    /// A probe was handed out and has not answered: no second one goes while it runs.
    public var probing = false
    /// When the next probe is due: the last one's start plus `intervalSeconds` (nil: now).
    public var nextProbeAt: ClusterInstant?
    /// When the first probe went out: a deployment shows the results of tasks it waits for, not
    /// of those that were ready before it started.
    public var firstProbeAt: Time?
    /// The last HTTP answer, kept only when the check's `preserveLastResponse` asks for it.
    public var lastResponse: ReadinessResponse?

    public init() {}
}

/// An HTTP answer to a readiness probe, as Marathon's `lastResponse` shows it.
public struct ReadinessResponse: Hashable, Sendable {
    public var status: Int
    public var contentType: String
    public var body: String

    public init(status: Int, contentType: String, body: String) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// One readiness check's last result for one task (Marathon's `readinessCheckResults`).
public struct ReadinessCheckResult: Hashable, Sendable {
    public var name: String
    public var taskID: TaskID
    public var ready: Bool
    public var lastResponse: ReadinessResponse?
}
