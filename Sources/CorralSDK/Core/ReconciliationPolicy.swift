/// When the driver reconciles, as Mesos's reconciliation guide and Marathon do: explicitly, with
/// backoff, after every subscription, until every task the framework has is answered for; then
/// implicitly and explicitly every `interval` (Marathon: first after 15 s, then every 10 min).
public struct ReconciliationPolicy: Hashable, Sendable {
    /// First retry of tasks the master did not answer for (it may still be waiting for their
    /// agent to come back); the delay doubles up to `maximumBackoff`.
    public var initialBackoff: Duration = .seconds(1)
    public var maximumBackoff: Duration = .seconds(30)
    /// The first periodic reconciliation after a subscription.
    public var firstPeriodic: Duration = .seconds(15)
    /// Then every `interval` (`--reconciliation-interval`).
    public var interval: Duration = .seconds(600)

    public init(
        initialBackoff: Duration = .seconds(1), maximumBackoff: Duration = .seconds(30), firstPeriodic: Duration = .seconds(15),
        interval: Duration = .seconds(600)
    ) {
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.firstPeriodic = firstPeriodic
        self.interval = interval
    }
}
