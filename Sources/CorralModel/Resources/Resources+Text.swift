/// Mesos's resource string: `cpus:4;mem:8192;disk:10000;ports:[31000-32000]`,
/// `cpus(web):2` for a static reservation, `{a,b}` for sets.
extension Resources: CustomStringConvertible, LosslessStringConvertible {
    public init?(_ description: String) {
        guard let parsed = try? Resources(parsing: description) else { return nil }
        self = parsed
    }

    /// Parses the text form; the error names the part that is malformed and what was expected.
    public init(parsing text: String) throws(ResourcesParseError) {
        self.init()
        for rawPart in text.split(separator: ";", omittingEmptySubsequences: false) {
            let part = rawPart.trimmingWhitespace()
            if part.isEmpty { continue }
            add(try Self.parseResource(part, in: text))
        }
    }

    private static func parseResource(_ part: Substring, in text: String) throws(ResourcesParseError) -> Resource {
        func failure(_ problem: String) -> ResourcesParseError {
            ResourcesParseError(part: String(part), text: text, problem: problem)
        }
        guard let colon = part.firstIndex(of: ":") else {
            throw failure("expected 'name:value'")
        }
        var name = part[..<colon].trimmingWhitespace()
        let valueText = part[part.index(after: colon)...].trimmingWhitespace()
        var reservations: [Reservation] = []
        if let open = name.firstIndex(of: "(") {
            guard name.last == ")" else { throw failure("expected ')' after the role") }
            let role = name[name.index(after: open)..<name.index(before: name.endIndex)].trimmingWhitespace()
            guard !role.isEmpty else { throw failure("empty role in '\(name)'") }
            if role != "*" { reservations = [Reservation(.static, role: String(role))] }
            name = name[..<open].trimmingWhitespace()
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else {
            throw failure("'\(name)' is not a resource name")
        }
        let value: Resource.Value
        switch valueText.first {
        case "[":
            guard valueText.last == "]" else { throw failure("expected ']' to close the ranges") }
            var ranges = ValueRanges()
            for item in valueText.dropFirst().dropLast().split(separator: ",") {
                let bounds = item.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
                guard bounds.count == 2, let low = UInt64(bounds[0]), let high = UInt64(bounds[1]) else {
                    throw failure("'\(item.trimmingWhitespace())' is not a range like 31000-32000")
                }
                guard low <= high else { throw failure("range \(low)-\(high) ends before it begins") }
                ranges.insert(low...high)
            }
            value = .ranges(ranges)
        case "{":
            guard valueText.last == "}" else { throw failure("expected '}' to close the set") }
            let items = valueText.dropFirst().dropLast().split(separator: ",").map { String($0.trimmingWhitespace()) }
            value = .set(Set(items.filter { !$0.isEmpty }))
        default:
            guard let amount = Double(valueText), amount.isFinite else {
                throw failure("'\(valueText)' is not a number")
            }
            guard amount >= 0 else { throw failure("\(name) cannot be negative") }
            guard amount <= Resource.maximumScalar else { throw failure("\(name) must be at most 1e15, got \(valueText)") }
            value = .scalar(amount)
        }
        return Resource(name: String(name), value: value, reservations: reservations)
    }

    public var description: String {
        entries.map { entry in
            let role = entry.isReserved ? "(\(entry.reservedRole))" : ""
            return "\(entry.name)\(role):\(Self.format(entry.value))"
        }.joined(separator: ";")
    }

    static func format(_ value: Resource.Value) -> String {
        switch value {
        case .scalar(let amount): formatScalar(amount)
        case .ranges(let ranges): ranges.ranges.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",").bracketed("[", "]")
        case .set(let items): items.sorted().joined(separator: ",").bracketed("{", "}")
        }
    }
}

/// `4` rather than `4.0`, `0.5` as is: how people write resources.
public func formatScalar(_ amount: Double) -> String {
    let rounded = roundScalar(amount)
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
    return String(rounded)
}

public struct ResourcesParseError: Error, Equatable, CustomStringConvertible {
    public var part: String
    public var text: String
    public var problem: String

    public var description: String { "invalid resources '\(text)': in '\(part)': \(problem)" }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}

extension String {
    fileprivate func bracketed(_ open: String, _ close: String) -> String { open + self + close }
}
