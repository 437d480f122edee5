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

    /// `slave(1)@host:port`: the libprocess address a Mesos agent has, which tools parse for
    /// the agent's host and port.
    public var pid: String { "slave(1)@\(hostname):\(port)" }
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

extension AgentInfo {
    /// Why `hostname` cannot be an agent's, or nil: a DNS name (letters, digits, `-`, `_`,
    /// dots), an IPv4 address, or an IPv6 literal. Operators' tools build URLs from it and
    /// send requests there: one like `evil:80/#` would point them (and any credential they
    /// carry) somewhere the agent chose.
    public static func hostnameProblem(_ hostname: String) -> String? {
        guard !hostname.isEmpty, hostname.utf8.count <= 253 else { return "must be 1 to 253 characters" }
        let bytes = Array(hostname.utf8)
        func isNameByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        if bytes.allSatisfy(isNameByte) {
            return bytes.first == UInt8(ascii: "-") ? "must not start with '-'" : nil
        }
        let isIPv6 = bytes.contains(UInt8(ascii: ":")) && bytes.allSatisfy { byte in
            byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
        return isIPv6 ? nil : "must be a DNS name or an IP address (letters, digits, '-', '_', '.'; ':' only in an IPv6 address)"
    }
}
