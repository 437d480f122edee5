import CorralModel

/// One action of a deployment plan's step: what happens to which app.
public struct PlannedAction: Hashable, Sendable {
    public var action: Deployment.Action
    public var app: AppID

    public init(_ action: Deployment.Action, _ app: AppID) {
        self.action = action
        self.app = app
    }
}

/// Marathon's deployment plan for a group change, step by step: the apps that go stop first,
/// the new ones start (with no instances yet), then one step per dependency level — the apps
/// that depend on nothing changed first — scales new and rescaled apps and restarts changed
/// ones. Steps without actions are left out.
extension ServicesCore {
    public func deploymentSteps(of plan: GroupPlan) -> [[PlannedAction]] {
        var changes: [AppID: Deployment.Action] = [:]
        var started: [AppID] = []
        for definition in plan.put {
            guard let id = try? AppID(parsing: definition.id) else { continue }
            guard let existing = apps[id]?.definition else {
                started.append(id)
                changes[id] = .scale
                continue
            }
            guard existing != definition else { continue }
            var sameButCount = definition
            sameButCount.instances = existing.instances
            changes[id] = sameButCount == existing ? .scale : .restart
        }
        var steps = [plan.remove.sorted().map { PlannedAction(.stop, $0) }, started.sorted().map { PlannedAction(.start, $0) }]
        steps += levels(after: plan).map { level in level.compactMap { id in changes[id].map { PlannedAction($0, id) } } }
        return steps.filter { !$0.isEmpty }
    }

    /// The dependency levels of every app after the plan; one level of all of them should a
    /// cycle slip through (a checked plan has none).
    private func levels(after plan: GroupPlan) -> [[AppID]] {
        let (appsAfter, groupsAfter) = dependencies(after: plan)
        switch DependencyOrder.steps(of: DependencyOrder.graph(apps: appsAfter, groupDependencies: groupsAfter)) {
        case .success(let levels): return levels
        case .failure: return [appsAfter.keys.sorted()]
        }
    }
}
