/// Marathon's `label` filter on `GET /v2/apps`: selectors separated by commas, all of which an
/// app's labels must satisfy: `key` (the label exists), `key==value`, `key!=value` (a missing
/// label differs from any value), `key in (a, b)`, `key notin (a, b)`. A backslash takes the
/// next character as it is, so keys and values may hold `,`, `=` or `!`.
struct LabelSelector: Equatable {
    enum Requirement: Equatable {
        case exists(String)
        case equals(String, String)
        case differs(String, String)
        case among(String, Set<String>)
        case notAmong(String, Set<String>)
    }

    var requirements: [Requirement]

    /// Parses the query value; a selector that does not read as one of the forms above is an
    /// error naming it, for a 400.
    init(parsing text: String) throws(LabelSelectorError) {
        requirements = []
        for part in Self.split(text, on: ",", outsideParentheses: true) {
            let trimmed = part.trimmingSpaces
            guard !trimmed.isEmpty else { throw LabelSelectorError(selector: text, part: part) }
            requirements.append(try Self.requirement(trimmed, in: text))
        }
    }

    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .exists(let key): labels[key] != nil
            case .equals(let key, let value): labels[key] == value
            case .differs(let key, let value): labels[key] != value
            case .among(let key, let values): labels[key].map(values.contains) ?? false
            case .notAmong(let key, let values): !(labels[key].map(values.contains) ?? false)
            }
        }
    }

    private static func requirement(_ part: String, in text: String) throws(LabelSelectorError) -> Requirement {
        let invalid = LabelSelectorError(selector: text, part: part)
        if let (key, value) = pair(part, "==") { return .equals(key, value) }
        if let (key, value) = pair(part, "!=") { return .differs(key, value) }
        for (word, among) in [(" notin ", false), (" in ", true)] {
            let halves = split(part, on: word)
            guard halves.count == 2 else { continue }
            let key = unescape(halves[0].trimmingSpaces)
            let list = halves[1].trimmingSpaces
            guard !key.isEmpty, list.hasPrefix("("), list.hasSuffix(")") else { throw invalid }
            let values = Set(split(String(list.dropFirst().dropLast()), on: ",").map { unescape($0.trimmingSpaces) })
            return among ? .among(key, values) : .notAmong(key, values)
        }
        guard split(part, on: " ").count == 1, split(part, on: "=").count == 1, split(part, on: "!").count == 1 else { throw invalid }
        return .exists(unescape(part))
    }

    /// `key<op>value` with a non-empty key, split at the first unescaped `op`.
    private static func pair(_ part: String, _ op: String) -> (String, String)? {
        let halves = split(part, on: op, limit: 2)
        guard halves.count == 2 else { return nil }
        let key = unescape(halves[0].trimmingSpaces)
        return key.isEmpty ? nil : (key, unescape(halves[1].trimmingSpaces))
    }

    /// Splits at each `separator` not preceded by a backslash (nor, when asked, inside a
    /// parenthesised list of values), keeping escapes for `unescape`.
    private static func split(_ text: String, on separator: String, limit: Int = .max, outsideParentheses: Bool = false) -> [String] {
        var parts: [String] = []
        var current = ""
        var rest = Substring(text)
        var depth = 0
        while let character = rest.first {
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
            if character == "\\", rest.count > 1 {
                current += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else if parts.count + 1 < limit, !(outsideParentheses && depth > 0), rest.hasPrefix(separator) {
                parts.append(current)
                current = ""
                rest = rest.dropFirst(separator.count)
            } else {
                current.append(character)
                rest = rest.dropFirst()
            }
        }
        return parts + [current]
    }

    private static func unescape(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if !escaped, character == "\\" { escaped = true; continue }
            result.append(character)
            escaped = false
        }
        return result
    }
}

/// A `label` query value that is not a selector: which part, for the 400.
struct LabelSelectorError: Error, Equatable {
    var selector: String
    var part: String
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
