import CorralModel

/// An app's state as the console and `/v2/apps` show it.
public enum AppStatus: Hashable, Sendable {
    case running
    case deploying
    /// Instances are wanted but no offer can take them; the reason names the constraint or the
    /// resource that falls short.
    case waiting(String)
    /// Relaunches are held back after failures; seconds left.
    case delayed(Double)
    case suspended
}

/// One app as Services sees it at a moment: its definition and version, its instances, the
/// counts Marathon reports, its state and its deployment.
public struct AppSnapshot: Hashable, Sendable {
    public var definition: AppDefinition
    public var id: AppID
    /// The app's version (a scale makes one too: Marathon's `versionInfo.lastScalingAt`).
    public var version: String
    /// The last change other than a scale (`versionInfo.lastConfigChangeAt`).
    public var lastConfigChangeAt: String
    /// Every tracked instance, those being killed included.
    public var instances: [AppInstance]
    public var running: Int
    public var healthy: Int
    public var unhealthy: Int
    public var staged: Int
    public var wanted: Int
    public var status: AppStatus
    public var deployment: Deployment?
    public var lastFailure: TaskFailure?
    /// While instances are missing: why each agent's last offer could not take one, by host.
    public var rejections: [OfferRejection]
    /// The offers looked at since the app last had all its instances.
    public var launchAttempt: LaunchAttempt
    /// While a deployment runs: the readiness results of its new instances (see
    /// `ServicesCore.readinessResults`).
    public var readiness: [ReadinessCheckResult] = []
    public var hasHealthChecks: Bool { !definition.healthChecks.isEmpty }
}

extension ServicesCore {
    public func snapshot(of id: AppID, now: ClusterInstant) -> AppSnapshot? {
        guard let app = apps[id] else { return nil }
        let alive = app.alive
        let running = alive.filter(\.isRunning).count
        let checked = !app.definition.healthChecks.isEmpty
        let healthy = checked ? alive.filter { $0.isRunning && $0.healthy == true }.count : 0
        let unhealthy = checked ? alive.filter { $0.isRunning && $0.healthy == false }.count : 0
        let staged = alive.filter(\.isStaged).count
        let wanted = app.definition.instances
        // An agent that stopped offering (full, or gone) leaves its last reason behind: only
        // those of the last half minute count (a waiting app is offered about every second).
        let fresh = app.rejections.values.filter { now.wall.seconds - $0.at.seconds <= 30 }
        let status: AppStatus
        if wanted == 0 && alive.isEmpty {
            status = .suspended
        } else if !app.backoff.mayLaunch(at: now), alive.count < wanted {
            status = .delayed(app.backoff.remaining(at: now))
        } else if alive.count < wanted, let latest = fresh.max(by: { ($0.at, $0.hostname) < ($1.at, $1.hostname) }) {
            status = .waiting(latest.message)
        } else if deployments[id] == nil, app.isSettled {
            status = .running
        } else {
            status = .deploying
        }
        return AppSnapshot(
            definition: app.definition, id: id, version: app.version, lastConfigChangeAt: app.configVersion,
            instances: app.instances.values.sorted { ($0.stagedAt, $0.taskID) < ($1.stagedAt, $1.taskID) },
            running: running, healthy: healthy, unhealthy: unhealthy, staged: staged, wanted: wanted, status: status,
            deployment: deployments[id], lastFailure: app.lastFailure,
            rejections: alive.count < wanted ? fresh.sorted { ($0.hostname, $0.agentID) < ($1.hostname, $1.agentID) } : [],
            launchAttempt: app.launchAttempt,
            readiness: readinessResults(of: id))
    }

    public func snapshots(now: ClusterInstant) -> [AppSnapshot] { appIDs.compactMap { snapshot(of: $0, now: now) } }
}
