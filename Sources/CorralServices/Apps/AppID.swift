/// A Marathon app id: a path like `/web/frontend`, each segment lowercase letters, digits, '-'
/// and '.', not starting or ending with '-' or '.'. Ids given without the leading '/' get one.
public struct AppID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let path: String

    public init(parsing text: String) throws(AppIDError) {
        let segments = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !segments.isEmpty else { throw AppIDError(text: text, problem: "an app id needs at least one segment, like /web") }
        for segment in segments {
            let allowed = segment.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
            guard allowed, segment != ".", segment != "..", !segment.hasPrefix("-"), !segment.hasSuffix("-"),
                !segment.hasPrefix("."), !segment.hasSuffix(".")
            else {
                throw AppIDError(text: text, problem: "'\(segment)' must be lowercase letters, digits, '-' and '.', not starting or ending with '-' or '.'")
            }
        }
        path = "/" + segments.joined(separator: "/")
    }

    public var description: String { path }
    public static func < (lhs: AppID, rhs: AppID) -> Bool { lhs.path < rhs.path }

    /// The id as a prefix for task ids: `/web/frontend` → `web_frontend`, as Marathon does.
    public var taskPrefix: String { String(path.dropFirst()).replacingSlashes() }
}

public struct AppIDError: Error, Equatable, CustomStringConvertible {
    public var text: String
    public var problem: String
    public var description: String { "invalid app id '\(text)': \(problem)" }
}

extension String {
    fileprivate func replacingSlashes() -> String { String(map { $0 == "/" ? "_" : $0 }) }
}
