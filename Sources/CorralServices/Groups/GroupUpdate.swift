/// What `POST` and `PUT /v2/groups` ask for, as Marathon reads it: ids relative to the group
/// they are in; `apps` and `groups`, when given, are all the group has afterwards (those left
/// out go); `dependencies`, when given, replace the group's. `scaleBy` alone multiplies the
/// instances of every app in the group and below; `version` alone rolls the group back to it.
public struct GroupUpdate: Hashable, Sendable {
    public var id: String?
    public var apps: [AppDefinition]?
    public var groups: [GroupUpdate]?
    public var dependencies: [String]?
    public var scaleBy: Double?
    public var version: String?

    public init(
        id: String? = nil, apps: [AppDefinition]? = nil, groups: [GroupUpdate]? = nil, dependencies: [String]? = nil, scaleBy: Double? = nil,
        version: String? = nil
    ) {
        self.id = id
        self.apps = apps
        self.groups = groups
        self.dependencies = dependencies
        self.scaleBy = scaleBy
        self.version = version
    }

    /// The version to roll back to, when the update asks for nothing else. A `version` next to
    /// apps, groups or dependencies is what a client copied from a GET, and is ignored: taking
    /// it for a rollback would throw the client's change away.
    public var rollbackVersion: String? {
        guard apps == nil, groups == nil, dependencies == nil, scaleBy == nil else { return nil }
        return version
    }

    /// Marathon sets no bounds; these keep one request's work, and the recursion over it,
    /// small and clearly refused beyond.
    public static let maximumDepth = 16
    public static let maximumApps = 1_000
    public static let maximumGroups = 1_000
    public static let maximumDependencies = 100
    /// The largest factor: beyond it every app would overflow `AppDefinition.maximumInstances`.
    public static let maximumScale = Double(AppDefinition.maximumInstances)
}

/// What a group change did: the version it brought in and the deployment carrying it out
/// (every app it starts, scales, restarts or stops shares that deployment's ID).
public struct GroupDeployment: Hashable, Sendable {
    public var id: String
    public var version: String

    public init(id: String, version: String) {
        self.id = id
        self.version = version
    }
}
