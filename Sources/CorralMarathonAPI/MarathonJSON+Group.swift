import CorralModel
import CorralServices

extension MarathonJSON {
    /// A group as Marathon shows it: `id`, `dependencies`, `version`, and the `apps`, `groups`
    /// and `pods` its embed asks for (left out otherwise). No `enforceRole`: Services has no
    /// roles per group, and the `marathon` Python client refuses keys it does not know.
    struct Group: Encodable {
        var snapshot: GroupSnapshot
        var embed: GroupEmbed
        var now: Time

        private enum Keys: String, CodingKey { case id, apps, groups, pods, dependencies, version }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(snapshot.id.path, forKey: .id)
            if embed.apps { try container.encode(snapshot.apps.map { App(snapshot: $0, embed: embed.appEmbed, now: now) }, forKey: .apps) }
            if embed.groups { try container.encode(snapshot.groups.map { Group(snapshot: $0, embed: embed, now: now) }, forKey: .groups) }
            if embed.pods { try container.encode([String](), forKey: .pods) }
            try container.encode(snapshot.dependencies, forKey: .dependencies)
            try container.encode(snapshot.version, forKey: .version)
        }
    }
}

extension MarathonJSON.DeploymentRef {
    init(_ deployment: GroupDeployment) {
        deploymentId = deployment.id
        version = deployment.version
    }
}

extension MarathonJSON {
    /// A group as one of its versions held it (`GET /v2/groups/{id}/versions/{version}`): its
    /// apps' definitions, its groups nested, its dependencies, and that version.
    struct GroupAtVersion: Encodable {
        var past: GroupVersion
        /// The group shown: the version's own or one in it.
        var id: GroupID

        private enum Keys: String, CodingKey { case id, apps, groups, pods, dependencies, version }

        func encode(to encoder: any Encoder) throws {
            var all = Set<GroupID>()
            for group in past.groups { all.formUnion(group.id.lineage) }
            for app in past.apps { if let appID = try? AppID(parsing: app.id) { all.formUnion(appID.group.lineage) } }
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(id.path, forKey: .id)
            try container.encode(past.apps.filter { (try? AppID(parsing: $0.id))?.group == id }, forKey: .apps)
            let below = all.filter { $0.parent == id }.sorted()
            try container.encode(below.map { GroupAtVersion(past: past, id: $0) }, forKey: .groups)
            try container.encode([String](), forKey: .pods)
            try container.encode(past.groups.first { $0.id == id }?.dependencies ?? [], forKey: .dependencies)
            try container.encode(past.version, forKey: .version)
        }
    }
}
