/// An agent as the master knows it: where it is, what it has, what it is like.
public struct AgentInfo: Hashable, Sendable {
    public var id: AgentID?
    public var hostname: String
    public var port: Int
    public var resources: Resources
    public var attributes: [Attribute]

    public init(
        id: AgentID? = nil, hostname: String, port: Int = 5051, resources: Resources,
        attributes: [Attribute] = []
    ) {
        self.id = id
        self.hostname = hostname
        self.port = port
        self.resources = resources
        self.attributes = attributes
    }
}

/// An agent attribute (`rack:r1;zone:a`): labels that placement constraints match on.
public struct Attribute: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case text(String)
        case scalar(Double)
        case ranges(ValueRanges)
        case set(Set<String>)
    }

    public var name: String
    public var value: Value

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }

    /// The value as text, for matching and display.
    public var text: String {
        switch value {
        case .text(let text): text
        case .scalar(let amount): formatScalar(amount)
        case .ranges(let ranges): ranges.description
        case .set(let items): "{" + items.sorted().joined(separator: ",") + "}"
        }
    }

    /// Parses Mesos's `--attributes` form: `rack:r1;zone:a;cores:8`.
    public static func parseList(_ text: String) throws(AttributeParseError) -> [Attribute] {
        var result: [Attribute] = []
        for part in text.split(separator: ";") where !part.trimmingWhitespace().isEmpty {
            let pieces = part.split(separator: ":", maxSplits: 1).map { String($0.trimmingWhitespace()) }
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else {
                throw AttributeParseError(part: String(part), text: text)
            }
            if let number = Double(pieces[1]) {
                result.append(Attribute(name: pieces[0], value: .scalar(number)))
            } else {
                result.append(Attribute(name: pieces[0], value: .text(pieces[1])))
            }
        }
        return result
    }
}

public struct AttributeParseError: Error, Equatable, CustomStringConvertible {
    public var part: String
    public var text: String
    public var description: String { "invalid attributes '\(text)': '\(part)' is not 'name:value'" }
}
