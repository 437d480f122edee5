/// A group change whose deployment runs: every app it starts, scales or restarts shares the
/// deployment's ID, and `/v2/deployments` shows the change's steps until the last of them ends.
public struct GroupChange: Hashable, Sendable {
    public var group: GroupID
    public var version: String
    /// The plan's steps (see `ServicesCore.deploymentSteps`).
    public var steps: [[PlannedAction]]

    public init(group: GroupID, version: String, steps: [[PlannedAction]]) {
        self.group = group
        self.version = version
        self.steps = steps
    }
}
