import CorralModel
import CorralSDK

/// Marathon's groups: the tree of apps by their IDs' paths, and changes to a whole group at
/// once. A change is worked out and checked first (see `ServicesCore.planGroupChange`), so a
/// refused one changes nothing; a taken one is on disk before it is answered.
extension ServicesFramework {
    /// GET /v2/groups/{id}: the group with its apps and groups; the root always exists.
    public func group(_ id: GroupID) throws(ServicesError) -> GroupSnapshot {
        guard let snapshot = core.groupSnapshot(of: id, now: clock.now) else { throw .notFound("Group '\(id)' does not exist") }
        return snapshot
    }

    /// GET /v2/groups/{id}/versions: newest first.
    public func groupVersions(_ id: GroupID) throws(ServicesError) -> [String] {
        guard let versions = core.groupVersions(of: id) else { throw .notFound("Group '\(id)' does not exist") }
        return versions
    }

    /// GET /v2/groups/{id}/versions/{version}: the group as that version held it.
    public func group(_ id: GroupID, at version: String) throws(ServicesError) -> GroupVersion {
        guard version.utf8.count <= ServicesCore.maximumVersionLength, let past = core.groupVersion(of: id, at: version) else {
            throw .notFound("Group '\(id)' not available in version \(version.prefix(ServicesCore.maximumVersionLength))")
        }
        return past
    }

    /// POST /v2/groups[/{base}] (`creating`, a 409 when the group exists) and PUT
    /// /v2/groups/{base} (creates or changes it). Unless `force`, a change to an app whose
    /// deployment still runs is locked, as `PUT /v2/apps` is.
    public func changeGroup(_ update: GroupUpdate, at base: GroupID, creating: Bool, force: Bool) async throws(ServicesError) -> GroupDeployment {
        let target = update.id.flatMap { try? GroupID(resolving: $0, in: base) } ?? base
        return try await announcingChange(within: target.parent ?? .root) { () async throws(ServicesError) in
            let deployment = try await carryOut(try core.planGroupChange(update, at: base, creating: creating), force: force)
            return (deployment, deployment.version)
        }
    }

    /// PUT /v2/groups/{base}?dryRun=true: the steps the change would take (see
    /// `ServicesCore.deploymentSteps`), refused as the change would be; nothing changes.
    public func plannedSteps(of update: GroupUpdate, at base: GroupID) throws(ServicesError) -> [[PlannedAction]] {
        core.deploymentSteps(of: try core.planGroupChange(update, at: base, creating: false))
    }

    /// GET /v2/groups/{id}/apps: every app in the group and below, by ID.
    public func apps(in id: GroupID) throws(ServicesError) -> [AppSnapshot] {
        guard core.groupExists(id) else { throw .notFound("Group '\(id)' does not exist") }
        return core.transitiveApps(of: id).compactMap { core.snapshot(of: $0, now: clock.now) }
    }

    /// The steps of the group changes whose deployments run, by deployment ID.
    public func groupChangeSteps() -> [String: [[PlannedAction]]] { runningGroupSteps }

    /// DELETE /v2/groups/{id}: every app in it and below stops; its groups go.
    public func deleteGroup(_ id: GroupID, force: Bool) async throws(ServicesError) -> GroupDeployment {
        try await announcingChange(within: id.parent ?? .root) { () async throws(ServicesError) in
            let deployment = try await carryOut(try core.planGroupDeletion(id), force: force)
            return (deployment, deployment.version)
        }
    }

    private func carryOut(_ plan: GroupPlan, force: Bool) async throws(ServicesError) -> GroupDeployment {
        let affected = core.affectedApps(of: plan)
        if !force { for id in affected { try checkUnlocked(id) } }
        let stopped = plan.remove.compactMap { id in core.definition(of: id).map { (id, $0) } }
        let steps = core.deploymentSteps(of: plan)
        let (deployment, kills) = core.apply(plan, deploymentID: Self.newID(), now: clock.now)
        // Recorded before the kills go out: announcing them announces the apps' deployments.
        if core.deployments.values.contains(where: { $0.id == deployment.id }) {
            runningGroupSteps[deployment.id] = steps
        }
        let now = clock.now.wall
        let stops = stopped.sorted(by: { $0.0 < $1.0 }).map { id, definition in
            Deployment(id: deployment.id, appID: id, version: deployment.version, action: .stop, startedAt: now, previous: definition)
        }
        // The plan's info names every app it deploys, the stopped ones too, before anything acts.
        let deployed = core.deployments.values.filter { $0.id == deployment.id }.map { DeploymentPlanView.Part($0, target: core.definition(of: $0.appID)) }
        announceStart(deployment.id, parts: stops.map { DeploymentPlanView.Part($0, target: nil) } + deployed, steps: steps)
        await carryOut(kills)
        announceFinished(stops, steps: steps)
        await changed()
        return deployment
    }
}
