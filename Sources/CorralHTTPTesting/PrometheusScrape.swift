/// A scrape in Prometheus's text format (version 0.0.4), read back as strictly as Prometheus
/// reads it: each family's `# TYPE` comes once, before its samples, which come together; names
/// and label names are valid; label values are quoted and escaped; values are numbers.
public struct PrometheusScrape: Sendable {
    public struct Sample: Hashable, Sendable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    /// Each family's type (`counter`, `gauge`, `histogram`, `summary`, `untyped`), by name.
    public private(set) var types: [String: String] = [:]
    public private(set) var help: [String: String] = [:]
    public private(set) var samples: [Sample] = []

    public init(parsing text: String) throws(PrometheusFormatError) {
        var finished: Set<String> = []
        var current: String?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let fail = { (problem: String) in PrometheusFormatError(line: number + 1, text: String(line), problem: problem) }
            if line.hasPrefix("# TYPE ") || line.hasPrefix("# HELP ") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
                guard parts.count == 4, Self.isMetricName(parts[2]) else { throw fail("a TYPE or HELP line needs a valid name and a text") }
                let name = String(parts[2])
                if parts[1] == "HELP" {
                    guard help.updateValue(String(parts[3]), forKey: name) == nil else { throw fail("a second HELP for \(name)") }
                    continue
                }
                guard ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else { throw fail("unknown type") }
                guard types[name] == nil, !finished.contains(name) else { throw fail("\(name) was declared or sampled before") }
                types[name] = String(parts[3])
                if let current { finished.insert(current) }
                current = name
                continue
            }
            if line.hasPrefix("#") { continue }
            let sample = try Self.sample(line, fail)
            let family = family(of: sample.name)
            guard family == current else { throw fail("a sample of \(family) outside its family's lines (TYPE first, samples together)") }
            samples.append(sample)
        }
    }

    /// The family a sample belongs to: a histogram's `_bucket`, `_sum` and `_count` are its own.
    private func family(of name: String) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if ["histogram", "summary"].contains(types[base]) { return base }
        }
        return name
    }

    /// The value of the sample `name` whose labels are exactly `labels`; nil when there is none.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    public func samples(named name: String) -> [Sample] { samples.filter { $0.name == name } }

    private static func sample(_ line: Substring, _ fail: (String) -> PrometheusFormatError) throws(PrometheusFormatError) -> Sample {
        var rest = line[...]
        let name = rest.prefix { $0 != "{" && $0 != " " }
        guard isMetricName(name) else { throw fail("not a metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let label = rest.prefix { $0 != "=" }
                guard isLabelName(label), rest.dropFirst(label.count).hasPrefix("=\"") else { throw fail("a label needs name=\"value\"") }
                rest = rest.dropFirst(label.count + 2)
                guard let (value, after) = quoted(rest), labels.updateValue(value, forKey: String(label)) == nil else {
                    throw fail("label \(label)'s value is not a quoted string, or comes twice")
                }
                rest = after.first == "," ? after.dropFirst() : after
                guard !rest.isEmpty else { throw fail("labels do not end with }") }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw fail("a space must come before the value") }
        let fields = rest.dropFirst().split(separator: " ")
        guard (1...2).contains(fields.count), let value = number(fields[0]) else { throw fail("the value is not a number") }
        return Sample(name: String(name), labels: labels, value: value)
    }

    /// A label value up to its closing quote, unescaped, and what follows it.
    private static func quoted(_ text: Substring) -> (String, Substring)? {
        var value = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" { return (value, text[text.index(after: index)...]) }
            if character == "\n" { return nil }
            if character == "\\" {
                index = text.index(after: index)
                guard index < text.endIndex else { return nil }
                switch text[index] {
                case "\\": value.append("\\")
                case "\"": value.append("\"")
                case "n": value.append("\n")
                default: return nil
                }
            } else {
                value.append(character)
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func number(_ text: Substring) -> Double? {
        switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text).flatMap { $0.isFinite ? $0 : nil }
        }
    }

    static func isMetricName(_ name: Substring) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" || first == ":" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
    }

    static func isLabelName(_ name: Substring) -> Bool {
        !name.contains(":") && isMetricName(name)
    }
}

public struct PrometheusFormatError: Error, CustomStringConvertible {
    public var line: Int
    public var text: String
    public var problem: String
    public var description: String { "line \(line): \(problem): \(text)" }
}
