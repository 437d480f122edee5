/// Working out `POST` and `PUT /v2/groups` as Marathon does: ids read inside the group they
/// are in, a group's `apps` and `groups` (when given) all it keeps, every app checked as
/// `/v2/apps` checks it, and a dependency cycle refused. Nothing changes here: `apply` does.
extension ServicesCore {
    /// The plan for an update of the group `update.id` names inside `base` (`base` itself
    /// without an id). `creating` (a POST) refuses a group or app that already has that path.
    public func planGroupChange(_ update: GroupUpdate, at base: GroupID, creating: Bool) throws(ServicesError) -> GroupPlan {
        var target = base
        if let text = update.id {
            do { target = try GroupID(resolving: text, in: base) } catch {
                throw .invalid(AppDefinitionError(issues: [ValidationIssue(path: "/id", errors: [error.problem])]))
            }
        }
        if creating, groupExists(target) { throw .conflict("Group \(target) is already created. Use PUT to change this group.") }
        if creating, let id = try? AppID(parsing: target.path), apps[id] != nil { throw .conflict("An app with the path \(target) already exists.") }
        if let version = update.rollbackVersion { return try planGroupRollback(target, to: version) }
        if let scale = update.scaleBy { return try planScale(update, by: scale, target: target) }
        var plan = GroupPlan(target: target)
        var issues: [ValidationIssue] = []
        planGroup(update, at: target, path: "", level: 0, all: allGroupIDs, into: &plan, issues: &issues)
        if plan.appCount > GroupUpdate.maximumApps { issues.append(ValidationIssue(path: "/apps", errors: ["at most \(GroupUpdate.maximumApps) apps in one request, got \(plan.appCount)"])) }
        if plan.groupCount > GroupUpdate.maximumGroups {
            issues.append(ValidationIssue(path: "/groups", errors: ["at most \(GroupUpdate.maximumGroups) groups in one request, got \(plan.groupCount)"]))
        }
        if issues.isEmpty { issues = outcomeIssues(of: plan) }
        guard issues.isEmpty else { throw .invalid(AppDefinitionError(issues: Array(issues.prefix(100)))) }
        return plan
    }

    /// `{"scaleBy": f}`: every app in the group and below gets ceil(instances × f) instances,
    /// Marathon's rounding (3 × 1.5 is 5; 0 stays 0).
    private func planScale(_ update: GroupUpdate, by scale: Double, target: GroupID) throws(ServicesError) -> GroupPlan {
        func refuse(_ message: String) -> ServicesError { .invalid(AppDefinitionError(issues: [ValidationIssue(path: "/scaleBy", errors: [message])])) }
        guard update.apps == nil, update.groups == nil, update.dependencies == nil else { throw refuse("scaleBy cannot be combined with apps, groups or dependencies") }
        guard scale.isFinite, scale >= 0, scale <= GroupUpdate.maximumScale else { throw refuse("must be a factor from 0 to \(Int(GroupUpdate.maximumScale)), got \(scale)") }
        guard groupExists(target) else { throw .notFound("Group '\(target)' does not exist") }
        var plan = GroupPlan(target: target)
        for id in transitiveApps(of: target) {
            guard var definition = apps[id]?.definition else { continue }
            let wanted = (Double(definition.instances) * scale).rounded(.up)
            guard wanted <= Double(AppDefinition.maximumInstances), let count = Int(exactly: wanted) else {
                throw refuse("would give \(id) \(wanted) instances; at most \(AppDefinition.maximumInstances)")
            }
            definition.instances = count
            plan.put.append(definition)
        }
        plan.keep[target] = groups[target]?.dependencies ?? []
        return plan
    }

    /// One group of the update (and, recursively, the groups in it); `path` is where it sits
    /// in the request, for the 422's details.
    private func planGroup(
        _ update: GroupUpdate, at id: GroupID, path: String, level: Int, all: Set<GroupID>, into plan: inout GroupPlan, issues: inout [ValidationIssue]
    ) {
        guard level <= GroupUpdate.maximumDepth else {
            issues.append(ValidationIssue(path: path, errors: ["groups nest at most \(GroupUpdate.maximumDepth) deep"]))
            return
        }
        if level > 0, update.scaleBy != nil { issues.append(ValidationIssue(path: path + "/scaleBy", errors: ["only the group the request names can be scaled"])) }
        if let listed = update.apps { planApps(listed, in: id, path: path, into: &plan, issues: &issues) }
        if let listed = update.groups {
            var named = Set<GroupID>()
            for (index, group) in listed.enumerated() {
                let at = "\(path)/groups(\(index))"
                plan.groupCount += 1
                guard plan.groupCount <= GroupUpdate.maximumGroups else { break }
                guard let text = group.id else { issues.append(ValidationIssue(path: at + "/id", errors: ["is required"])); continue }
                let child: GroupID
                do { child = try GroupID(resolving: text, in: id) } catch {
                    issues.append(ValidationIssue(path: at + "/id", errors: [error.problem]))
                    continue
                }
                guard child.parent == id else {
                    issues.append(ValidationIssue(path: at + "/id", errors: ["'\(child)' is not a group right in \(id)"]))
                    continue
                }
                guard named.insert(child).inserted else { issues.append(ValidationIssue(path: at + "/id", errors: ["\(child) is listed twice"])); continue }
                planGroup(group, at: child, path: at, level: level + 1, all: all, into: &plan, issues: &issues)
            }
            for gone in directGroups(of: id, among: all) where !named.contains(gone) {
                plan.remove.formUnion(transitiveApps(of: gone))
                plan.drop.formUnion(groups.keys.filter { gone.contains($0.path) })
            }
        }
        var dependencies = groups[id]?.dependencies ?? []
        if let given = update.dependencies {
            dependencies = resolved(given, in: id, path: path + "/dependencies", issues: &issues)
        }
        plan.keep[id] = dependencies
    }

    /// A group's `apps`: each read inside the group and checked as `/v2/apps` checks an app;
    /// the group's apps not listed go.
    private func planApps(_ listed: [AppDefinition], in id: GroupID, path: String, into plan: inout GroupPlan, issues: inout [ValidationIssue]) {
        var named = Set<AppID>()
        for (index, app) in listed.enumerated() {
            let at = "\(path)/apps(\(index))"
            plan.appCount += 1
            guard plan.appCount <= GroupUpdate.maximumApps else { break }
            let appID: AppID
            do { appID = try AppID(resolving: app.id, in: id) } catch {
                issues.append(ValidationIssue(path: at + "/id", errors: [error.problem]))
                continue
            }
            guard appID.group == id else { issues.append(ValidationIssue(path: at + "/id", errors: ["'\(appID)' is not an app right in \(id)"])); continue }
            guard named.insert(appID).inserted else { issues.append(ValidationIssue(path: at + "/id", errors: ["\(appID) is listed twice"])); continue }
            var definition = app
            definition.id = appID.path
            definition.dependencies = resolved(app.dependencies, in: id, path: at + "/dependencies", issues: &issues)
            for issue in definition.validationIssues() {
                issues.append(ValidationIssue(path: at + (issue.path == "/" ? "" : issue.path), errors: issue.errors))
            }
            plan.put.append(definition)
        }
        for gone in directApps(of: id) where !named.contains(gone) { plan.remove.insert(gone) }
    }

    /// Dependencies read inside the group, absolute; a bounded number.
    private func resolved(_ paths: [String], in id: GroupID, path: String, issues: inout [ValidationIssue]) -> [String] {
        guard paths.count <= GroupUpdate.maximumDependencies else {
            issues.append(ValidationIssue(path: path, errors: ["at most \(GroupUpdate.maximumDependencies) dependencies, got \(paths.count)"]))
            return []
        }
        var absolute: [String] = []
        for (index, text) in paths.enumerated() {
            do { absolute.append(try GroupID(resolving: text, in: id).path) } catch {
                issues.append(ValidationIssue(path: "\(path)(\(index))", errors: [error.problem]))
            }
        }
        return absolute
    }

    /// What would be wrong with the tree after the plan: an app and a group on one path, or a
    /// dependency cycle.
    func outcomeIssues(of plan: GroupPlan) -> [ValidationIssue] {
        let (appsAfter, groupsAfter) = dependencies(after: plan)
        var groupPaths = Set<String>()
        for id in groupsAfter.keys { groupPaths.formUnion(id.lineage.map(\.path)) }
        for id in appsAfter.keys { groupPaths.formUnion(id.group.lineage.map(\.path)) }
        let clashes = appsAfter.keys.filter { groupPaths.contains($0.path) }.sorted()
        if let clash = clashes.first {
            return [ValidationIssue(path: "/id", errors: ["\(clash) would be both an app and a group: groups and apps may not share an id"])]
        }
        if case .failure(let cycle) = DependencyOrder.steps(of: DependencyOrder.graph(apps: appsAfter, groupDependencies: groupsAfter)) {
            return [ValidationIssue(path: "/dependencies", errors: [cycle.message])]
        }
        return []
    }

    /// Every app's and kept group's dependencies as they will be after the plan.
    func dependencies(after plan: GroupPlan) -> (apps: [AppID: [String]], groups: [GroupID: [String]]) {
        var appsAfter = apps.mapValues(\.definition.dependencies)
        for id in plan.remove { appsAfter[id] = nil }
        for definition in plan.put { if let id = try? AppID(parsing: definition.id) { appsAfter[id] = definition.dependencies } }
        var groupsAfter = groups.mapValues(\.dependencies)
        for id in plan.drop { groupsAfter[id] = nil }
        for (id, dependencies) in plan.keep { groupsAfter[id] = dependencies }
        return (appsAfter, groupsAfter)
    }
}
