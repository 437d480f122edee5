import CorralModel
import CorralSDK

/// What a group change will do, worked out and checked before anything changes, so that a
/// refused change leaves everything as it was.
public struct GroupPlan: Sendable {
    /// The group the request names.
    public var target: GroupID
    /// Apps to create or change: IDs and dependencies absolute, every definition valid.
    var put: [AppDefinition] = []
    /// Apps to stop: left out of their group's `apps`, or in a group that goes.
    var remove: Set<AppID> = []
    /// Groups to keep (created or changed), with their dependencies.
    var keep: [GroupID: [String]] = [:]
    /// Kept groups that go.
    var drop: Set<GroupID> = []
    var appCount = 0
    var groupCount = 0

    init(target: GroupID) { self.target = target }
}

extension ServicesCore {
    /// The apps whose instances a plan changes: a deployment running for one of them locks
    /// the change (unless forced), as for `PUT /v2/apps`.
    public func affectedApps(of plan: GroupPlan) -> [AppID] {
        let changed = plan.put.compactMap { definition -> AppID? in
            guard let id = try? AppID(parsing: definition.id), apps[id]?.definition != definition else { return nil }
            return id
        }
        return Set(changed).union(plan.remove).sorted()
    }

    /// Carries a checked plan out: stops the apps that go (their kills returned), creates and
    /// changes the others under one deployment ID, and keeps the groups with the change's
    /// version. An app the plan leaves as it is gets no deployment.
    public mutating func apply(_ plan: GroupPlan, deploymentID: String, now: ClusterInstant) -> (deployment: GroupDeployment, kills: [FrameworkAction]) {
        var kills: [FrameworkAction] = []
        for id in plan.remove.sorted() { kills += remove(id) }
        for definition in plan.put {
            guard let id = try? AppID(parsing: definition.id), apps[id]?.definition != definition else { continue }
            _ = try? put(definition, deploymentID: deploymentID, now: now)
        }
        // A dropped group's versions stay: as in Marathon, it can be brought back by version.
        for id in plan.drop { groups[id] = nil }
        forgetVersionsOfLongDeletedGroups()
        let newest = groups.values.compactMap(\.version).max()
        let version = Self.version(at: now.wall, after: newest)
        for (id, dependencies) in plan.keep {
            var group = groups[id] ?? ServiceGroup(id: id)
            group.dependencies = dependencies
            group.versions = Array((group.versions + [version]).suffix(Self.maximumVersions))
            groups[id] = group
        }
        if groupExists(plan.target) { recordVersion(of: plan.target, version: version) }
        return (GroupDeployment(id: deploymentID, version: version), kills)
    }

    /// `DELETE /v2/groups/{id}`: every app in the group and below stops and its kept groups go
    /// (the root's too, for `/`).
    public func planGroupDeletion(_ id: GroupID) throws(ServicesError) -> GroupPlan {
        guard groupExists(id) else { throw .notFound("Group '\(id)' does not exist") }
        var plan = GroupPlan(target: id)
        plan.remove = Set(transitiveApps(of: id))
        plan.drop = Set(groups.keys.filter { id.contains($0.path) })
        return plan
    }
}
