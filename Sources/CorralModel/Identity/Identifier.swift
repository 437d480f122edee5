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

public typealias FrameworkID = Identifier<FrameworkKind>
public typealias AgentID = Identifier<AgentKind>
public typealias OfferID = Identifier<OfferKind>
public typealias TaskID = Identifier<TaskKind>
public typealias ExecutorID = Identifier<ExecutorKind>
