/// When the driver reconciles, as Mesos's reconciliation guide and Marathon do: explicitly, with
/// backoff, after every subscription, until every task the framework has is answered for; then
/// implicitly and explicitly every `interval` (Marathon: first after 15 s, then every 10 min).
public struct ReconciliationPolicy: Hashable, Sendable {
    /// First retry of tasks the master did not answer for (it may still be waiting for their
    /// agent to come back); the delay doubles up to `maximumBackoff`.
    public var initialBackoff: Double = 1
    public var maximumBackoff: Double = 30
    /// The first periodic reconciliation after a subscription.
    public var firstPeriodic: Double = 15
    /// Then every this many seconds (`--reconciliation-interval`).
    public var interval: Double = 600

    public init(initialBackoff: Double = 1, maximumBackoff: Double = 30, firstPeriodic: Double = 15, interval: Double = 600) {
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.firstPeriodic = firstPeriodic
        self.interval = interval
    }
}
