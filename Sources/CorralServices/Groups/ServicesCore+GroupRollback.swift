import CorralModel

/// `PUT /v2/groups/{id}` with only a `version`: the group goes back to what that version held,
/// its apps as they were then (those added since stop, those deleted since start again) and
/// its kept groups with their dependencies then. A new version carries the rollback out, as
/// Marathon does; the apps it leaves as they are get no deployment.
extension ServicesCore {
    /// Bounds a version from the wire: versions are ISO 8601 times, far shorter.
    public static let maximumVersionLength = 64

    public func planGroupRollback(_ id: GroupID, to version: String) throws(ServicesError) -> GroupPlan {
        guard version.utf8.count <= Self.maximumVersionLength else {
            throw .invalid(AppDefinitionError(issues: [ValidationIssue(path: "/version", errors: ["a version is at most \(Self.maximumVersionLength) characters"])]))
        }
        guard let past = groupVersion(of: id, at: version) else { throw .notFound("Group '\(id)' not available in version \(version)") }
        var plan = GroupPlan(target: id)
        plan.put = past.apps
        let then = Set(past.apps.compactMap { try? AppID(parsing: $0.id) })
        plan.remove = Set(transitiveApps(of: id)).subtracting(then)
        for group in past.groups { plan.keep[group.id] = group.dependencies }
        if plan.keep[id] == nil { plan.keep[id] = groups[id]?.dependencies ?? [] }
        plan.drop = Set(groups.keys.filter { id.contains($0.path) && plan.keep[$0] == nil })
        plan.appCount = past.apps.count
        plan.groupCount = past.groups.count
        // What lies outside the group may have changed since: a cycle through it is refused.
        let issues = outcomeIssues(of: plan)
        guard issues.isEmpty else { throw .invalid(AppDefinitionError(issues: issues)) }
        return plan
    }
}
