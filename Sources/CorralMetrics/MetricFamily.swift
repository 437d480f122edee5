/// One Prometheus metric family read from a server's state at scrape time: a gauge or a counter,
/// the line of help that says what it measures, and one sample per set of label values.
///
/// Every sample of a family has the same label names, as Prometheus requires.
public struct MetricFamily: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case gauge
        /// Only goes up while the server runs; resets to zero when it restarts.
        case counter
    }

    public struct Sample: Hashable, Sendable {
        /// One value for each of the family's `labelNames`, in their order.
        public var labelValues: [String]
        public var value: Double

        public init(_ labelValues: [String] = [], _ value: Double) {
            self.labelValues = labelValues
            self.value = value
        }
    }

    public var name: String
    public var help: String
    public var kind: Kind
    public var labelNames: [String]
    public var samples: [Sample]

    public init(name: String, help: String, kind: Kind, labelNames: [String] = [], samples: [Sample]) {
        precondition(samples.allSatisfy { $0.labelValues.count == labelNames.count }, "every sample of \(name) names each of its labels")
        self.name = name
        self.help = help
        self.kind = kind
        self.labelNames = labelNames
        self.samples = samples
    }

    /// A family of one sample without labels.
    public static func gauge(_ name: String, _ help: String, _ value: Double) -> MetricFamily {
        MetricFamily(name: name, help: help, kind: .gauge, samples: [Sample([], value)])
    }

    /// A counter of one sample without labels.
    public static func counter(_ name: String, _ help: String, _ value: Double) -> MetricFamily {
        MetricFamily(name: name, help: help, kind: .counter, samples: [Sample([], value)])
    }
}
