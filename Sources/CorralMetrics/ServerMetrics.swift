import CoreMetrics
import Prometheus

/// One server's metrics in Prometheus's text format: the instruments its actors record as things
/// happen (swift-metrics' `Timer`, `Counter`, …, made with `factory`), and the families it reads
/// from its state when it is scraped.
///
/// The instruments go to a registry of this server's own, not to the process-wide
/// `MetricsSystem`: that can be bootstrapped only once, and one process may run a master, its
/// agents, Services and Jobs, each with its own `/metrics`.
public final class ServerMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    /// Makes the instruments that record into this server's registry. A `Timer` becomes a
    /// histogram in seconds, with buckets from 100 µs to 10 s.
    public let factory: any MetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // The default buckets start at 5 ms; an allocation cycle takes a fraction of that.
        factory.defaultDurationHistogramBuckets = Self.durationBuckets
        self.factory = factory
    }

    static let durationBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// The exposition: `families`, read from the server's state now, in their order, then what
    /// the server's instruments recorded.
    public func exposition(_ families: [MetricFamily]) -> [UInt8] {
        var buffer = families.exposition()
        registry.emit(into: &buffer)
        return buffer
    }
}
