extension DecodingError {
    /// Where a JSON value did not fit, as a Marathon detail path (`/cpus`), and what was wrong.
    var marathonDetail: (path: String, message: String) {
        // Indices follow their array's name, as in the validation's paths: `/healthChecks(0)/port`.
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "(\($0))" } ?? "/" + $0.stringValue }.joined()
            return text.isEmpty ? "/" : text
        }
        switch self {
        case .typeMismatch(let type, let context): return (path(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context): return (path(context.codingPath), "expected \(type), got null")
        case .keyNotFound(let key, let context): return (path(context.codingPath + [key]), "is required")
        case .dataCorrupted(let context): return (path(context.codingPath), context.debugDescription)
        @unknown default: return ("/", "\(self)")
        }
    }
}
