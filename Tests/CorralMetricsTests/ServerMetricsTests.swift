import CoreMetrics
import CorralHTTPTesting
import CorralMetrics
import Testing

/// A server's instruments record into its own registry, and come out after what is read at
/// scrape time.
@Suite struct ServerMetricsTests {
    @Test func aTimerBecomesAHistogramInSecondsWithBucketsBelowAMillisecond() throws {
        let metrics = ServerMetrics()
        let timer = CoreMetrics.Timer(label: "corral_allocator_cycle_seconds", factory: metrics.factory)
        timer.recordNanoseconds(300_000)  // 0.3 ms
        timer.recordNanoseconds(2_000_000_000)  // 2 s
        let text = String(decoding: metrics.exposition([.gauge("corral_first", "Read at scrape time.", 1)]), as: UTF8.self)
        let scrape = try PrometheusScrape(parsing: text)
        #expect(text.hasPrefix("# HELP corral_first"), "the families read now come first")
        #expect(scrape.types["corral_allocator_cycle_seconds"] == "histogram")
        #expect(scrape.value("corral_allocator_cycle_seconds_count") == 2)
        #expect(scrape.value("corral_allocator_cycle_seconds_sum") == 2.0003)
        #expect(scrape.value("corral_allocator_cycle_seconds_bucket", ["le": "0.00025"]) == 0)
        #expect(scrape.value("corral_allocator_cycle_seconds_bucket", ["le": "0.0005"]) == 1)
        #expect(scrape.value("corral_allocator_cycle_seconds_bucket", ["le": "+Inf"]) == 2)
    }

    @Test func twoServersInOneProcessKeepTheirInstrumentsApart() throws {
        let master = ServerMetrics()
        let other = ServerMetrics()
        CoreMetrics.Counter(label: "corral_things_total", factory: master.factory).increment(by: 5)
        #expect(try PrometheusScrape(parsing: String(decoding: master.exposition([]), as: UTF8.self)).value("corral_things_total") == 5)
        #expect(other.exposition([]).isEmpty)
    }
}
