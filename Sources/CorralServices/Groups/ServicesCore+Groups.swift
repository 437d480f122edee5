import CorralModel

/// The group tree: groups kept on their own and those app IDs imply, read from the core's
/// apps and `groups`.
extension ServicesCore {
    /// Whether the group exists: the root always; another while it is kept or holds an app.
    public func groupExists(_ id: GroupID) -> Bool {
        id.isRoot || groups[id] != nil || apps.keys.contains { id.contains($0.path) && $0.path != id.path }
            || groups.keys.contains { id.contains($0.path) }
    }

    /// Every group but the root: those kept and all above any app or kept group.
    var allGroupIDs: Set<GroupID> {
        var all = Set<GroupID>()
        for id in groups.keys { all.formUnion(id.lineage) }
        for id in apps.keys { all.formUnion(id.group.lineage) }
        all.remove(.root)
        return all
    }

    /// The apps right in the group (not in groups below it), by ID.
    func directApps(of id: GroupID) -> [AppID] { apps.keys.filter { $0.group == id }.sorted() }

    /// The groups right below this one, by ID.
    func directGroups(of id: GroupID, among all: Set<GroupID>) -> [GroupID] { all.filter { $0.parent == id }.sorted() }

    /// Every app in the group or below it.
    public func transitiveApps(of id: GroupID) -> [AppID] { apps.keys.filter { id.contains($0.path) }.sorted() }

    /// The dependency graph of every app as they are now (see `DependencyOrder.graph`).
    func dependencyGraph() -> [AppID: Set<AppID>] {
        DependencyOrder.graph(apps: apps.mapValues(\.definition.dependencies), groupDependencies: groups.mapValues(\.dependencies))
    }

    /// Apps that must not start instances yet: each is being deployed while an app it depends
    /// on is still being deployed (not yet all running and healthy), as a Marathon deployment
    /// plan runs a dependent app's step after its dependencies'. An app not being deployed
    /// replaces a lost instance at once, whatever its dependencies do.
    func appsHeldByDependencies() -> Set<AppID> {
        // The graph costs apps × apps: worked out only when something depends on something.
        let anyDependencies = groups.values.contains { !$0.dependencies.isEmpty } || apps.values.contains { !$0.definition.dependencies.isEmpty }
        guard deployments.count > 1, anyDependencies else { return [] }
        let graph = dependencyGraph()
        var held = Set<AppID>()
        for (id, needs) in graph where deployments[id] != nil && needs.contains(where: { deployments[$0] != nil }) { held.insert(id) }
        return held
    }

    /// The dependency cycle putting `definition` (through `/v2/apps`) would close, as a 422's
    /// issue; nil when there is none. Apps in a cycle would wait for each other for ever.
    public func cycleIssue(after definition: AppDefinition) -> ValidationIssue? {
        guard let id = try? AppID(parsing: definition.id), !definition.dependencies.isEmpty || groups.values.contains(where: { !$0.dependencies.isEmpty }) else {
            return nil
        }
        var dependencies = apps.mapValues(\.definition.dependencies)
        dependencies[id] = definition.dependencies.compactMap { try? AppID(resolving: $0, in: id.group).path }
        let graph = DependencyOrder.graph(apps: dependencies, groupDependencies: groups.mapValues(\.dependencies))
        guard case .failure(let cycle) = DependencyOrder.steps(of: graph) else { return nil }
        return ValidationIssue(path: "/dependencies", errors: [cycle.message])
    }

    /// The group as `/v2/groups` shows it; nil when it does not exist.
    public func groupSnapshot(of id: GroupID, now: ClusterInstant) -> GroupSnapshot? {
        guard groupExists(id) else { return nil }
        return snapshot(of: id, among: allGroupIDs, now: now)
    }

    private func snapshot(of id: GroupID, among all: Set<GroupID>, now: ClusterInstant) -> GroupSnapshot {
        let apps = directApps(of: id).compactMap { snapshot(of: $0, now: now) }
        let subgroups = directGroups(of: id, among: all).map { snapshot(of: $0, among: all, now: now) }
        let newest = (apps.map(\.version) + subgroups.map(\.version) + [groups[id]?.version].compactMap { $0 }).max()
        return GroupSnapshot(id: id, apps: apps, groups: subgroups, dependencies: groups[id]?.dependencies ?? [], version: newest ?? Time.zero.iso8601)
    }

    /// The group's versions, newest first: its own changes and those of every app and kept
    /// group in it, at most `maximumVersions`. A deleted group has the versions written down
    /// for it; nil when it has none and does not exist.
    public func groupVersions(of id: GroupID) -> [String]? {
        guard groupExists(id) else {
            guard let written = groupVersions[id], !written.isEmpty else { return nil }
            return Array(written.map(\.version).sorted(by: >).prefix(Self.maximumVersions))
        }
        var all = Set<String>()
        for (groupID, group) in groups where id.contains(groupID.path) { all.formUnion(group.versions) }
        for appID in transitiveApps(of: id) { all.formUnion(apps[appID]?.history.map(\.version) ?? []) }
        return Array(all.sorted(by: >).prefix(Self.maximumVersions))
    }

    /// Kept groups, for the store.
    public var storedGroups: [ServiceGroup] { groups.values.sorted { $0.id < $1.id } }

    /// Takes back the groups the store kept.
    public mutating func loadGroups(_ stored: [ServiceGroup]) {
        for group in stored { groups[group.id] = group }
    }
}

/// One group as `/v2/groups` shows it: its apps, the groups in it, its dependencies, and the
/// version of its newest change.
public struct GroupSnapshot: Hashable, Sendable {
    public var id: GroupID
    public var apps: [AppSnapshot]
    public var groups: [GroupSnapshot]
    public var dependencies: [String]
    public var version: String
}
