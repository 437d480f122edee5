import CorralHTTPTesting
import CorralMetrics
import Testing

/// Families read at scrape time come out in Prometheus's text format, in the order given.
@Suite struct MetricFamilyExpositionTests {
    @Test func familiesComeOutInOrderWithTheirHelpAndType() throws {
        let text = String(decoding: [
            MetricFamily.gauge("corral_b", "Second in name, first out.", 2),
            MetricFamily.counter("corral_a_total", "Things that happened.", 3),
        ].exposition(), as: UTF8.self)
        #expect(text == """
            # HELP corral_b Second in name, first out.
            # TYPE corral_b gauge
            corral_b 2.0
            # HELP corral_a_total Things that happened.
            # TYPE corral_a_total counter
            corral_a_total 3

            """)
        let scrape = try PrometheusScrape(parsing: text)
        #expect(scrape.types == ["corral_b": "gauge", "corral_a_total": "counter"])
        #expect(scrape.value("corral_a_total") == 3)
    }

    @Test func labelValuesAreEscapedAndReadBackAsTheyWere() throws {
        let awkward = #"a "task" \ with a line\#nbreak"#
        let family = MetricFamily(
            name: "corral_task_memory_bytes", help: "Memory.", kind: .gauge, labelNames: ["task", "framework"],
            samples: [.init([awkward, "f1"], 1024), .init(["plain", "f1"], 2048)])
        let scrape = try PrometheusScrape(parsing: String(decoding: [family].exposition(), as: UTF8.self))
        #expect(scrape.value("corral_task_memory_bytes", ["task": awkward, "framework": "f1"]) == 1024)
        #expect(scrape.value("corral_task_memory_bytes", ["task": "plain", "framework": "f1"]) == 2048)
    }

    @Test func valuesTheFormatCannotCarryAreLeftOutAndCountersNeverGoBelowZero() throws {
        let text = String(decoding: [
            MetricFamily.gauge("corral_nan", "Not a number.", .nan),
            MetricFamily.gauge("corral_empty", "No samples.", .infinity),
            MetricFamily.counter("corral_negative_total", "Below zero.", -4),
            MetricFamily.counter("corral_fraction_total", "Seconds.", 1.5),
        ].exposition(), as: UTF8.self)
        let scrape = try PrometheusScrape(parsing: text)
        #expect(scrape.types.keys.sorted() == ["corral_fraction_total", "corral_negative_total"], "a family without a finite sample is left out whole")
        #expect(scrape.value("corral_negative_total") == 0)
        #expect(scrape.value("corral_fraction_total") == 1.5)
    }
}
