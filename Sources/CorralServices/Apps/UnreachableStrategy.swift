/// Marathon's `unreachableStrategy`: what happens to an instance whose agent became unreachable
/// (TASK_UNREACHABLE). After `inactiveAfterSeconds` it no longer counts and a replacement starts;
/// after `expungeAfterSeconds` it is forgotten, and killed should it come back. Marathon's
/// default since 1.5.1 is 0 and 0: replaced and forgotten at once. `"disabled"` waits for the
/// agent forever.
public enum UnreachableStrategy: Hashable, Sendable {
    case disabled
    case after(inactiveSeconds: Double, expungeSeconds: Double)

    public static let marathonDefault = UnreachableStrategy.after(inactiveSeconds: 0, expungeSeconds: 0)

    /// Problems with the values, each naming the field and the value (empty when valid).
    var problems: [String] {
        guard case .after(let inactive, let expunge) = self else { return [] }
        var problems: [String] = []
        if !(inactive >= 0 && inactive.isFinite) { problems.append("inactiveAfterSeconds must be a non-negative number of seconds, got \(inactive)") }
        if !(expunge >= 0 && expunge.isFinite) { problems.append("expungeAfterSeconds must be a non-negative number of seconds, got \(expunge)") }
        if problems.isEmpty, expunge < inactive {
            problems.append("expungeAfterSeconds (\(expunge)) must not be less than inactiveAfterSeconds (\(inactive))")
        }
        return problems
    }
}

extension UnreachableStrategy: Codable {
    private enum Keys: String, CodingKey {
        case inactiveAfterSeconds, expungeAfterSeconds
    }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            guard text == "disabled" else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected \"disabled\" or an object, got \"\(text)\""))
            }
            self = .disabled
            return
        }
        let container = try decoder.container(keyedBy: Keys.self)
        self = .after(
            inactiveSeconds: try container.decodeIfPresent(Double.self, forKey: .inactiveAfterSeconds) ?? 0,
            expungeSeconds: try container.decodeIfPresent(Double.self, forKey: .expungeAfterSeconds) ?? 0)
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .disabled:
            var container = encoder.singleValueContainer()
            try container.encode("disabled")
        case .after(let inactive, let expunge):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(inactive, forKey: .inactiveAfterSeconds)
            try container.encode(expunge, forKey: .expungeAfterSeconds)
        }
    }
}
