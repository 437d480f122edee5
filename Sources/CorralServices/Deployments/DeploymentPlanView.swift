/// A deployment plan as the event stream tells it: Marathon announces plans, not apps. A group
/// change's apps share the plan's ID and each deploys on its own; a change of one app is a plan
/// of one step.
public struct DeploymentPlanView: Hashable, Sendable {
    /// One app the plan deploys: its deployment, and the definition it brings in (nil for a stop).
    public struct Part: Hashable, Sendable {
        public var deployment: Deployment
        public var target: AppDefinition?

        public init(_ deployment: Deployment, target: AppDefinition?) {
            self.deployment = deployment
            self.target = target
        }
    }

    public var id: String
    public var version: String
    /// By app ID.
    public var parts: [Part]
    /// A group change's steps (see `ServicesCore.deploymentSteps`), else the one step of its apps.
    public var steps: [[PlannedAction]]
    /// The index in `steps` of the step the event is about: the first for `deployment_info`, the
    /// one that completed for `deployment_step_success`.
    public var currentStep: Int
}
