/// A group change whose deployment runs: every app it starts, scales or restarts shares the
/// deployment's ID, and the change ends when the last of them does — a success when each
/// reached its version, a failure when one was cancelled, overridden or deleted first.
public struct GroupChange: Hashable, Sendable {
    public var group: GroupID
    public var version: String
    /// The plan's steps (see `ServicesCore.deploymentSteps`).
    public var steps: [[PlannedAction]]
    /// Why it failed, once one of its apps' deployments ended short of its version.
    public var failure: String?

    public init(group: GroupID, version: String, steps: [[PlannedAction]]) {
        self.group = group
        self.version = version
        self.steps = steps
    }
}
