import CorralModel

/// A Chronos placement constraint, `[attribute, operator, value]`: EQUALS compares the agent's
/// attribute (or its hostname, for `hostname`) with the value; LIKE and UNLIKE match it against
/// the value as a whole-string regular expression. An agent without the attribute matches
/// neither EQUALS nor LIKE, and always matches UNLIKE.
struct JobConstraint: Hashable, Sendable {
    enum Operator: String, Sendable { case equals = "EQUALS", like = "LIKE", unlike = "UNLIKE" }

    var attribute: String
    var op: Operator
    var value: String
    /// LIKE's and UNLIKE's pattern, compiled once.
    let pattern: AttributePattern?

    /// Nil when the triple is malformed or the pattern is not a supported regular expression.
    init?(_ parts: [String]) {
        guard parts.count == 3, let op = Operator(rawValue: parts[1].uppercased()) else { return nil }
        let pattern = op == .equals ? nil : try? AttributePattern(parts[2])
        if op != .equals, pattern == nil { return nil }
        self.attribute = parts[0]
        self.op = op
        self.value = parts[2]
        self.pattern = pattern
    }

    func allows(_ offer: Offer) -> Bool {
        let actual = attribute == "hostname" ? offer.hostname : offer.attributes.first { $0.name == attribute }?.text
        switch op {
        case .equals: return actual == value
        case .like: return actual.map(matches) ?? false
        case .unlike: return actual.map { !matches($0) } ?? true
        }
    }

    private func matches(_ text: String) -> Bool { pattern?.matches(text) ?? false }
}
