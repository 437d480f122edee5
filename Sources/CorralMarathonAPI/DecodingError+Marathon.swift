extension DecodingError {
    /// Where a JSON value did not fit, as a Marathon detail path (`/cpus`), and what was wrong.
    var marathonDetail: (path: String, message: String) {
        func path(_ keys: [any CodingKey]) -> String { "/" + keys.map { $0.intValue.map { "(\($0))" } ?? $0.stringValue }.joined(separator: "/") }
        switch self {
        case .typeMismatch(let type, let context): return (path(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context): return (path(context.codingPath), "expected \(type), got null")
        case .keyNotFound(let key, let context): return (path(context.codingPath + [key]), "is required")
        case .dataCorrupted(let context): return (path(context.codingPath), context.debugDescription)
        @unknown default: return ("/", "\(self)")
        }
    }
}
