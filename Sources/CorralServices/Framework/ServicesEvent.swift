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
        /// A plan started (its first step is current).
        case deploymentInfo(DeploymentPlanView)
        /// A plan's step completed (it is the current one).
        case deploymentStepSuccess(DeploymentPlanView)
        /// A plan ended with each of its apps on its version.
        case deploymentSuccess(DeploymentPlanView)
        /// A plan ended otherwise: one of its apps' deployments was cancelled, overridden or deleted.
        case deploymentFailed(DeploymentPlanView)
        /// A group change was taken; the group is the changed one's parent, as Marathon's.
        case groupChangeSuccess(GroupID, version: String)
        /// A group change was refused (`reason` says why).
        case groupChangeFailed(GroupID, version: String, reason: String)
        case streamAttached(remoteAddress: String)
        case streamDetached(remoteAddress: String)
    }

    public var at: Time
    public var kind: Kind

    public init(at: Time, kind: Kind) {
        self.at = at
        self.kind = kind
    }
}
