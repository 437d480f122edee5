import CorralModel
import CorralSDK

/// Services' logic as a value: apps, their instances and deployments; offers and statuses in,
/// launches and kills out. No I/O and no clock: the time comes with every call and deployment
/// ids are handed in, so tests run on a manual clock.
public struct ServicesCore: Sendable {
    struct App: Sendable {
        var definition: AppDefinition
        var id: AppID
        /// The app's version: a new one for every change, a scale included (Marathon's
        /// `version`, and its `versionInfo.lastScalingAt`).
        var version: String
        /// The version of the last change other than a scale (`versionInfo.lastConfigChangeAt`):
        /// instances launched before it are old and a rolling update replaces them.
        var configVersion: String
        var constraints: [PlacementConstraint]
        var backoff: LaunchBackoff
        var instances: [TaskID: AppInstance] = [:]
        /// Why each agent's last offer could not take an instance (cleared for an agent when
        /// one is placed there).
        var rejections: [AgentID: OfferRejection] = [:]
        /// The offers looked at since the app last had all the instances it wants.
        var launchAttempt = LaunchAttempt()
        var lastFailure: TaskFailure?
        /// The versions kept, oldest first (see `recordVersion`).
        var history: [AppVersion] = []
    }

    var apps: [AppID: App] = [:]
    var deployments: [AppID: Deployment] = [:]
    /// Groups kept on their own (see `ServiceGroup`); the others follow from app IDs.
    var groups: [GroupID: ServiceGroup] = [:]
    /// Each group's trees as its changes left them, oldest first (see `GroupVersion`).
    var groupVersions: [GroupID: [GroupVersion]] = [:]
    var nextTask = 0
    /// Tasks launched since Services started.
    public internal(set) var tasksLaunched = 0
    /// Tasks that failed since Services started, kills Services asked for aside.
    public internal(set) var tasksFailed = 0

    public init() {}

    public var appIDs: [AppID] { apps.keys.sorted() }

    public func definition(of id: AppID) -> AppDefinition? { apps[id]?.definition }

    /// Creates or changes an app and returns the deployment that carries the change out. Every
    /// change is a new version; a change of `instances` alone scales, and the instances stay; any
    /// other change is a new configuration whose instances replace the old ones within the
    /// upgrade strategy. A deployment already running for the app gives way to the new one.
    @discardableResult
    public mutating func put(_ definition: AppDefinition, deploymentID: String, now: ClusterInstant) throws(AppDefinitionError) -> Deployment {
        let issues = definition.validationIssues()
        guard issues.isEmpty else { throw AppDefinitionError(issues: issues) }
        let id: AppID
        do { id = try AppID(parsing: definition.id) } catch { throw AppDefinitionError(issues: [ValidationIssue(path: "/id", errors: [error.problem])]) }
        var normalized = definition
        normalized.id = id.path
        // Kept absolute, so that the app's dependencies mean the same wherever they are read.
        normalized.dependencies = normalized.dependencies.compactMap { try? AppID(resolving: $0, in: id.group).path }
        let constraints = normalized.constraints.compactMap { try? PlacementConstraint(marathon: $0) }
        let existing = apps[id]
        let action: Deployment.Action
        var version = existing?.version ?? Self.version(at: now.wall, after: nil)
        var configVersion = existing?.configVersion ?? version
        if let existing {
            var sameButCount = normalized
            sameButCount.instances = existing.definition.instances
            if sameButCount == existing.definition {
                action = .scale
                // Marathon writes a scale down as a version of its own; the configuration, and
                // so the instances, stay.
                if normalized.instances != existing.definition.instances { version = Self.version(at: now.wall, after: existing.version) }
            } else {
                action = .restart
                version = Self.version(at: now.wall, after: existing.version)
                configVersion = version
            }
        } else {
            action = .start
        }
        var app = existing ?? App(
            definition: normalized, id: id, version: version, configVersion: configVersion, constraints: constraints,
            backoff: LaunchBackoff(backoffSeconds: normalized.backoffSeconds, backoffFactor: normalized.backoffFactor, maxLaunchDelaySeconds: normalized.maxLaunchDelaySeconds))
        app.definition = normalized
        app.version = version
        app.configVersion = configVersion
        app.constraints = constraints
        app.backoff.configure(backoffSeconds: normalized.backoffSeconds, backoffFactor: normalized.backoffFactor, maxLaunchDelaySeconds: normalized.maxLaunchDelaySeconds)
        if action == .restart { app.backoff.reset() }
        apps[id] = app
        recordVersion(of: id)
        let deployment = Deployment(id: deploymentID, appID: id, version: version, action: action, startedAt: now.wall, previous: existing?.definition)
        deployments[id] = deployment
        return deployment
    }

    /// Replaces every instance of the app with a fresh one (Marathon's restart): a new version of
    /// the same definition.
    public mutating func restart(_ id: AppID, deploymentID: String, now: ClusterInstant) -> Deployment? {
        guard var app = apps[id] else { return nil }
        app.version = Self.version(at: now.wall, after: app.version)
        app.configVersion = app.version
        app.backoff.reset()
        apps[id] = app
        recordVersion(of: id)
        let deployment = Deployment(id: deploymentID, appID: id, version: app.version, action: .restart, startedAt: now.wall, previous: app.definition)
        deployments[id] = deployment
        return deployment
    }

    /// Removes an app and kills its instances.
    public mutating func remove(_ id: AppID) -> [FrameworkAction] {
        guard let app = apps.removeValue(forKey: id) else { return [] }
        deployments[id] = nil
        return app.alive.sorted { $0.taskID < $1.taskID }.map { .kill($0.taskID, $0.site.agentID) }
    }

    /// App versions are timestamps, as in Marathon; one that would repeat the previous (two
    /// changes in the same millisecond) moves on by a millisecond.
    static func version(at now: Time, after previous: String?) -> String {
        var candidate = now
        while let previous, let previousTime = Time(iso8601: previous), candidate.seconds <= previousTime.seconds {
            candidate = previousTime + 0.001
        }
        return candidate.iso8601
    }
}

/// Why the last failed task of an app failed: Marathon's `lastTaskFailure`.
public struct TaskFailure: Hashable, Sendable {
    public var taskID: TaskID
    public var state: TaskState
    public var message: String
    public var host: String
    public var at: Time
    public var version: String
}

public struct AppDefinitionError: Error, Equatable, CustomStringConvertible {
    public var issues: [ValidationIssue]
    public var description: String { "Object is not valid: " + issues.map { "\($0.path): \($0.errors.joined(separator: "; "))" }.joined(separator: ", ") }
}

extension ServicesCore {
    /// Brings back a stored app as it was, without a deployment: its instances come back through
    /// `restore` and reconciliation. An app stored before today's checks that fails them is
    /// kept, so nothing is lost, but suspended (0 instances) until it is changed: acting on its
    /// numbers is what the checks are there to prevent. Returns what is wrong with it.
    /// `configVersion` is its last change other than a scale (the version when not known: stores
    /// written before scales were versions of their own).
    @discardableResult
    public mutating func load(_ stored: AppDefinition, version: String, configVersion: String? = nil) -> [ValidationIssue] {
        guard let id = try? AppID(parsing: stored.id) else { return [ValidationIssue(path: "/id", errors: ["'\(stored.id)' is not an app ID"])] }
        let issues = stored.validationIssues()
        var definition = stored
        if !issues.isEmpty { definition.instances = 0 }
        apps[id] = App(
            definition: definition, id: id, version: version, configVersion: configVersion ?? version,
            constraints: definition.constraints.compactMap { try? PlacementConstraint(marathon: $0) },
            backoff: LaunchBackoff(backoffSeconds: definition.backoffSeconds, backoffFactor: definition.backoffFactor, maxLaunchDelaySeconds: definition.maxLaunchDelaySeconds))
        recordVersion(of: id)
        return issues
    }

    /// The number in the last task ID handed out, for the store: task IDs never repeat.
    public var lastTaskNumber: Int { nextTask }

    /// Carries on numbering tasks after `number` (what the store kept), so that no new task is
    /// named as one that ran before a restart.
    public mutating func resumeTaskNumbers(after number: Int) {
        if number < 1 << 52 { nextTask = max(nextTask, number) }
    }

    /// Apps with their versions, for the store.
    public var storedApps: [(definition: AppDefinition, version: String)] {
        appIDs.map { (apps[$0]!.definition, apps[$0]!.version) }
    }

    /// Each app's last change other than a scale, for the store.
    public var storedConfigVersions: [AppID: String] { apps.mapValues(\.configVersion) }
}

extension ServicesCore {
    /// Kills the given instances of an app (all of them when `taskIDs` is nil). They are replaced
    /// unless `scale` lowers the app's instance count by as many, as Marathon's
    /// `DELETE /v2/apps/{id}/tasks?scale=true` does.
    public mutating func kill(
        _ taskIDs: [TaskID]?, of id: AppID, scale: Bool, deploymentID: String, now: ClusterInstant
    ) -> (killed: [AppInstance], actions: [FrameworkAction]) {
        guard let app = apps[id] else { return ([], []) }
        // A task named by ID that a deployment is already killing still exists until it ends
        // (as in Marathon): it is answered for, and counts for `scale`, but not killed twice.
        let named = taskIDs.map { ids in app.instances.values.filter { ids.contains($0.taskID) } } ?? app.alive
        let chosen = named.sorted { $0.taskID < $1.taskID }
        let toKill = chosen.filter { !$0.killing }
        for instance in toKill { apps[id]?.instances[instance.taskID]?.killing = true }
        if scale, !chosen.isEmpty {
            var definition = app.definition
            definition.instances = max(0, definition.instances - chosen.count)
            _ = try? put(definition, deploymentID: deploymentID, now: now)
        }
        return (chosen, toKill.map { .kill($0.taskID, $0.site.agentID) })
    }
}
