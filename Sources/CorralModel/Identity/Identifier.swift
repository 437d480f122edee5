/// A typed identifier, so a task ID can never be passed where an agent ID is expected.
/// On the wire it is Mesos's `{"value": "..."}` object.
public struct Identifier<Kind>: Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }

    public var description: String { value }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}

public enum FrameworkKind {}
public enum AgentKind {}
public enum OfferKind {}
public enum TaskKind {}
public enum ExecutorKind {}
public enum ContainerKind {}

public typealias FrameworkID = Identifier<FrameworkKind>
public typealias AgentID = Identifier<AgentKind>
public typealias OfferID = Identifier<OfferKind>
public typealias TaskID = Identifier<TaskKind>
public typealias ExecutorID = Identifier<ExecutorKind>
/// The container an agent runs a task in (its cgroup's name).
public typealias ContainerID = Identifier<ContainerKind>

extension Identifier {
    /// Why this ID cannot name a directory (agents keep sandboxes at
    /// `frameworks/<framework ID>/tasks/<task ID>`), or nil when it can: it must not be empty,
    /// `.` or `..`, nor hold `/` or NUL, and it fits a file name.
    public var pathProblem: String? {
        if value.isEmpty { return "is empty" }
        if value == "." || value == ".." { return "must not be '.' or '..'" }
        if value.contains("/") { return "must not contain '/'" }
        if value.utf8.contains(0) { return "must not contain NUL" }
        if value.utf8.count > 255 { return "is longer than 255 bytes" }
        return nil
    }
}
