import CorralModel

/// Where an audience is in a tour. A step's actions run the first time it is reached; going
/// back shows an earlier caption again but cannot undo the cluster, so going on from there
/// does not run those actions twice. A replay changes nothing, so it runs on every visit.
public struct TourState: Hashable, Sendable {
    public let tour: Tour
    public private(set) var index = 0
    /// The furthest step whose actions have run.
    public private(set) var reached = -1
    /// When the audience saw the first step: where a replay of the whole tour starts.
    public internal(set) var startedAt: Time?

    public init(_ tour: Tour) { self.tour = tour }

    public var step: TourStep { tour.steps[index] }
    public var isAtEnd: Bool { index == tour.steps.count - 1 }
    /// Whether the step shown ran its actions on an earlier visit.
    public var isRevisit: Bool { index < reached }

    /// Shows the step and returns its actions if it has not been reached before (its replay
    /// if it has).
    mutating func arrive() -> [TourAction] {
        guard index > reached else { return step.actions.filter { !$0.changesTheCluster } }
        reached = index
        return step.actions
    }

    /// The next step's actions, or nil when there is no next step.
    mutating func forward() -> [TourAction]? {
        guard !isAtEnd else { return nil }
        index += 1
        return arrive()
    }

    /// The earlier step; returns its replay, if it has one (its other actions ran already).
    mutating func back() -> [TourAction] {
        guard index > 0 else { return [] }
        index -= 1
        return step.actions.filter { !$0.changesTheCluster }
    }
}
