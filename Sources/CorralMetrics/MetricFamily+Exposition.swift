import Prometheus

extension MetricFamily {
    /// Appends the family in Prometheus's text format (version 0.0.4), as swift-prometheus writes
    /// it: `# HELP`, `# TYPE`, then a line per sample. A family without samples writes nothing.
    ///
    /// Values that are not finite are left out (Swift would write `nan`, which the format does not
    /// take), and a counter never goes below zero.
    public func emit(into buffer: inout [UInt8]) {
        let samples = samples.filter { $0.value.isFinite }
        guard !samples.isEmpty else { return }
        // A registry per family, so that families come out in the caller's order (a registry
        // writes its families in its dictionary's).
        let registry = PrometheusCollectorRegistry()
        // The whole name is ours: no namespace or unit for swift-prometheus to join to it.
        let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        for sample in samples {
            let labels = Array(zip(labelNames, sample.labelValues))
            switch kind {
            case .gauge:
                registry.makeGauge(descriptor: descriptor, labels: labels).set(to: sample.value)
            case .counter:
                let counter = registry.makeCounter(descriptor: descriptor, labels: labels)
                counter.reset()  // two samples with the same labels: the last one counts
                let value = max(0, sample.value)
                // Whole counts are written as integers ("3", not "3.0").
                if let whole = Int64(exactly: value) { counter.increment(by: whole) } else { counter.increment(by: value) }
            }
        }
        registry.emit(into: &buffer)
    }
}

extension [MetricFamily] {
    /// The families in Prometheus's text format, in order.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(count * 160)
        for family in self { family.emit(into: &buffer) }
        return buffer
    }
}
