import CorralModel

/// A group as one of its changes left it: every app in it and below, with its definition, and
/// the groups kept in it and below, with their dependencies. What `PUT /v2/groups/{id}` with
/// only a `version` goes back to; kept whole, because an app since deleted has no versions of
/// its own any more.
public struct GroupVersion: Hashable, Sendable, Codable {
    public var id: GroupID
    public var version: String
    /// Definitions as the core keeps them: IDs and dependencies absolute.
    public var apps: [AppDefinition]
    /// Kept groups with their dependencies (their `versions` left empty).
    public var groups: [ServiceGroup]

    public init(id: GroupID, version: String, apps: [AppDefinition], groups: [ServiceGroup]) {
        self.id = id
        self.version = version
        self.apps = apps
        self.groups = groups
    }

    /// The part of this version that lies in `group` (a group in it or itself).
    func narrowed(to group: GroupID) -> GroupVersion {
        GroupVersion(
            id: group, version: version, apps: apps.filter { group.contains($0.id) },
            groups: groups.filter { group.contains($0.id.path) })
    }
}

extension ServicesCore {
    /// Writes the group down as it is now under `version`, the oldest going beyond
    /// `maximumVersions`.
    mutating func recordVersion(of id: GroupID, version: String) {
        let definitions = transitiveApps(of: id).compactMap { self.apps[$0]?.definition }
        let kept = keptGroups(in: id)
        var written = groupVersions[id] ?? []
        written.removeAll { $0.version == version }
        written.append(GroupVersion(id: id, version: version, apps: definitions, groups: kept))
        groupVersions[id] = Array(written.suffix(Self.maximumVersions))
    }

    /// The group as it was at `version`: written down for it or for a group above it; for a
    /// version only its apps' histories know (a change through `/v2/apps`), each app in it now
    /// as it was then, those not there yet left out. Nil when the group had no such version.
    public func groupVersion(of id: GroupID, at version: String) -> GroupVersion? {
        for group in id.lineage {
            if let past = groupVersions[group]?.last(where: { $0.version == version }) { return past.narrowed(to: id) }
        }
        guard groupVersions(of: id)?.contains(version) == true else { return nil }
        let definitions = transitiveApps(of: id).compactMap { appID in self.apps[appID]?.history.last { $0.version <= version }?.definition }
        let kept = keptGroups(in: id)
        return GroupVersion(id: id, version: version, apps: definitions, groups: kept)
    }

    /// The groups kept in `id` and below, their dependencies without their versions.
    private func keptGroups(in id: GroupID) -> [ServiceGroup] {
        groups.values.filter { id.contains($0.id.path) }.sorted { $0.id < $1.id }.map { ServiceGroup(id: $0.id, dependencies: $0.dependencies) }
    }

    /// How many deleted groups keep their versions, for a rollback that brings one back; those
    /// deleted longest ago (by their newest version) go first, so that creating and deleting
    /// groups under new names cannot grow the store without bound.
    static let maximumDeletedGroupsKept = 100

    mutating func forgetVersionsOfLongDeletedGroups() {
        let deleted = groupVersions.filter { !groupExists($0.key) }
        guard deleted.count > Self.maximumDeletedGroupsKept else { return }
        let byAge = deleted.map { (id: $0.key, newest: $0.value.map(\.version).max() ?? "") }.sorted { ($0.newest, $0.id) < ($1.newest, $1.id) }
        for old in byAge.prefix(deleted.count - Self.maximumDeletedGroupsKept) { groupVersions[old.id] = nil }
    }

    /// Every group's written-down versions, for the store.
    public var storedGroupVersions: [GroupVersion] {
        groupVersions.keys.sorted().flatMap { groupVersions[$0] ?? [] }
    }

    /// Takes back the versions the store kept, oldest first per group.
    public mutating func loadGroupVersions(_ stored: [GroupVersion]) {
        for past in stored.sorted(by: { $0.version < $1.version }) { groupVersions[past.id, default: []].append(past) }
        for (id, kept) in groupVersions { groupVersions[id] = Array(kept.suffix(Self.maximumVersions)) }
    }
}
