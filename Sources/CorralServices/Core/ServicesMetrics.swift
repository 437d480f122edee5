import CorralModel

/// Services' main counts at one moment: its apps and their instances (as `/v2/apps` counts
/// them), deployments in progress, and the tasks launched and failed since Services started.
/// What every metrics endpoint of Services reports, from this one reading.
public struct ServicesMetrics: Hashable, Sendable {
    public var apps = 0
    /// Instances the apps ask for, and those alive in each state.
    public var instancesWanted = 0
    public var instancesRunning = 0
    public var instancesStaged = 0
    public var instancesHealthy = 0
    public var instancesUnhealthy = 0
    public var deployments = 0
    public var tasksLaunched = 0
    /// Failures Services did not ask for (kills it asked for are not failures).
    public var tasksFailed = 0

    public init() {}

    /// The counts of `apps` (their snapshots), with the core's deployments and counters.
    public init(apps: [AppSnapshot], deployments: Int, tasksLaunched: Int, tasksFailed: Int) {
        self.apps = apps.count
        for app in apps {
            instancesWanted += app.wanted
            instancesRunning += app.running
            instancesStaged += app.staged
            instancesHealthy += app.healthy
            instancesUnhealthy += app.unhealthy
        }
        self.deployments = deployments
        self.tasksLaunched = tasksLaunched
        self.tasksFailed = tasksFailed
    }
}

extension ServicesCore {
    public func metrics(now: ClusterInstant) -> ServicesMetrics {
        ServicesMetrics(apps: snapshots(now: now), deployments: deployments.count, tasksLaunched: tasksLaunched, tasksFailed: tasksFailed)
    }
}
