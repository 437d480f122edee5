import CorralModel

/// Something that happened in Services, for Marathon's event stream (`/v2/events`): a change an
/// API client posted, a task's status, an instance's state or health, a deployment's progress,
/// a reader of the stream coming or going.
public struct ServicesEvent: Sendable {
    public enum Kind: Sendable {
        /// A client posted an app (POST or PUT) at `uri`.
        case apiPost(AppDefinition, uri: String, clientIP: String)
        /// A task's status, with the instance as Services knew it when the status came.
        case statusUpdate(TaskStatus, instance: AppInstance)
        /// An instance's state changed (its last state when it ended).
        case instanceChanged(AppInstance)
        case healthChanged(AppInstance, alive: Bool)
        /// `target` is the app's definition the deployment brings in (nil for a stop).
        case deploymentInfo(Deployment, target: AppDefinition?)
        case deploymentStepSuccess(Deployment, target: AppDefinition?)
        case deploymentSuccess(Deployment, target: AppDefinition?)
        case deploymentFailed(Deployment, target: AppDefinition?)
        /// A group change's deployment ended with every app on its version.
        case groupChangeSuccess(GroupID, version: String)
        /// A group change's deployment ended otherwise (`reason` says how).
        case groupChangeFailed(GroupID, version: String, reason: String)
        case streamAttached(remoteAddress: String)
        case streamDetached(remoteAddress: String)
    }

    public var at: Time
    public var kind: Kind
    /// For a deployment's event when the deployment is a group change's: the change's steps,
    /// of which the app's is one.
    public var steps: [[PlannedAction]]?

    public init(at: Time, kind: Kind, steps: [[PlannedAction]]? = nil) {
        self.at = at
        self.kind = kind
        self.steps = steps
    }
}
