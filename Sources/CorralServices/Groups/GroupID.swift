/// A Marathon group's path: `/` (the root) or an app-ID-like path such as `/prod/web`. Groups
/// are where apps live: an app `/prod/web/api` is in `/prod/web`, which is in `/prod`, which is
/// in `/`.
public struct GroupID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let path: String

    public static let root = GroupID(rootPath: ())

    private init(rootPath: Void) { path = "/" }

    public init(_ id: AppID) { path = id.path }

    /// `/` (or an empty text) is the root; anything else must be a valid path.
    public init(parsing text: String) throws(AppIDError) {
        self = text.split(separator: "/").isEmpty ? .root : GroupID(try AppID(parsing: text))
    }

    public var isRoot: Bool { path == "/" }
    public var description: String { path }
    public static func < (lhs: GroupID, rhs: GroupID) -> Bool { lhs.path < rhs.path }

    /// The group this one is in; nil for the root.
    public var parent: GroupID? {
        guard !isRoot, let slash = path.lastIndex(of: "/") else { return nil }
        let text = String(path[..<slash])
        return text.isEmpty ? .root : GroupID(verbatim: text)
    }

    /// Whether `path` (an app's or a group's) is this group or lies below it.
    public func contains(_ path: String) -> Bool {
        isRoot || path == self.path || path.hasPrefix(self.path + "/")
    }

    /// This group and every group above it, the root last.
    public var lineage: [GroupID] {
        var chain = [self]
        while let up = chain[chain.count - 1].parent { chain.append(up) }
        return chain
    }

    /// The segments below the root (none for the root itself): a group's depth.
    public var depth: Int { path.split(separator: "/").count }

    /// A group's id as Marathon reads it inside `base` (see `AppID(resolving:in:)`): `/` is
    /// the root, an empty or `.` id is `base` itself.
    public init(resolving text: String, in base: GroupID) throws(AppIDError) {
        let segments = text.split(separator: "/").filter { $0 != "." }
        if segments.isEmpty { self = text.hasPrefix("/") ? .root : base; return }
        self = GroupID(try AppID(resolving: text, in: base))
    }

    /// Depth-limited: callers only pass paths that came out of `AppID` or `parent`.
    private init(verbatim: String) { path = verbatim }
}

extension AppID {
    /// The group the app lives in.
    public var group: GroupID { GroupID(self).parent ?? .root }

    /// Marathon's relative ids: `text` with a leading `/` is absolute; otherwise it is read
    /// inside `base`, where `..` goes up a group and `.` stays (`../db` in `/prod/web` is
    /// `/prod/db`). Going above the root is an error, not the root.
    public init(resolving text: String, in base: GroupID) throws(AppIDError) {
        guard !text.hasPrefix("/") else { self = try AppID(parsing: text); return }
        var segments = base.path.split(separator: "/").map(String.init)
        for segment in text.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { throw AppIDError(text: text, problem: "'..' goes above the root group") }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        self = try AppID(parsing: "/" + segments.joined(separator: "/"))
    }
}
