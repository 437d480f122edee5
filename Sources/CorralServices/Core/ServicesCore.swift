import CorralModel

/// What Services asks its scheduler driver to do.
public enum ServicesAction: Hashable, Sendable {
    case launch(OfferID, [TaskInfo])
    case decline([OfferID], refuseSeconds: Double)
    case kill(TaskID, AgentID?)
}

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

/// Services' logic as a value: apps and their instances, offers in, launches and kills out.
/// No I/O, no clock: time comes with every call, so tests run on a manual clock.
public struct ServicesCore: Sendable {
    struct Instance: Hashable, Sendable {
        var taskID: TaskID
        var site: PlacementSite
        var state: TaskState
        var healthy: Bool?
        var launchedAt: Time
        var killing = false
    }

    struct App: Sendable {
        var definition: AppDefinition
        var id: AppID
        var constraints: [PlacementConstraint]
        var backoff: LaunchBackoff
        var instances: [TaskID: Instance] = [:]
        var waiting: String?
    }

    var apps: [AppID: App] = [:]
    var nextTask = 0

    public init() {}

    public var appIDs: [AppID] { apps.keys.sorted() }

    /// Creates or replaces an app (replacing changes only what new instances look like).
    public mutating func put(_ definition: AppDefinition) throws(AppDefinitionError) {
        let issues = definition.validationIssues()
        guard issues.isEmpty else { throw AppDefinitionError(issues: issues) }
        let id = try! AppID(parsing: definition.id)
        let constraints = definition.constraints.compactMap { try? PlacementConstraint(marathon: $0) }
        var app = apps[id] ?? App(
            definition: definition, id: id, constraints: constraints,
            backoff: LaunchBackoff(backoffSeconds: definition.backoffSeconds, backoffFactor: definition.backoffFactor, maxLaunchDelaySeconds: definition.maxLaunchDelaySeconds))
        app.definition = definition
        app.constraints = constraints
        apps[id] = app
    }

    /// Removes an app and kills its instances.
    public mutating func remove(_ id: AppID) -> [ServicesAction] {
        guard let app = apps.removeValue(forKey: id) else { return [] }
        return app.instances.values.sorted { $0.taskID < $1.taskID }.map { .kill($0.taskID, $0.site.agentID) }
    }

    /// Launches what fits in the offers, kills instances beyond what is wanted, declines the rest.
    public mutating func offers(_ offers: [Offer], now: Time) -> [ServicesAction] {
        var actions = scaleDown()
        var unused: [OfferID] = []
        for offer in offers {
            var free = offer.resources.unallocated()
            var launches: [TaskInfo] = []
            let site = PlacementSite(agentID: offer.agentID, hostname: offer.hostname, attributes: offer.attributes)
            for id in apps.keys.sorted() {
                while needed(id) > 0 {
                    guard let task = place(id, on: site, free: &free, now: now) else { break }
                    launches.append(task)
                }
            }
            if launches.isEmpty { unused.append(offer.id) } else { actions.append(.launch(offer.id, launches)) }
        }
        if !unused.isEmpty {
            actions.append(.decline(unused, refuseSeconds: apps.keys.contains(where: { needed($0) > 0 }) ? 1 : 30))
        }
        return actions
    }

    /// Takes in a task's new status: instances that end are forgotten (failures delay the next
    /// launch), unhealthy ones are killed so that a healthy one replaces them.
    public mutating func update(_ status: TaskStatus, now: Time) -> [ServicesAction] {
        guard let (id, _) = apps.first(where: { $0.value.instances[status.taskID] != nil }) else { return [] }
        var app = apps[id]!
        defer { apps[id] = app }
        guard var instance = app.instances[status.taskID] else { return [] }
        if status.state.isTerminal {
            app.instances[status.taskID] = nil
            // A failure Services did not ask for holds the next launch back; kills it asked for do not.
            if !instance.killing, [.failed, .lost, .error, .dropped, .gone].contains(status.state) {
                app.backoff.failed(at: now)
            }
            return []
        }
        instance.state = status.state
        if status.state == .running { app.backoff.reset() }
        if let healthy = status.healthy { instance.healthy = healthy }
        app.instances[status.taskID] = instance
        if status.healthy == false, !instance.killing {
            app.instances[status.taskID]?.killing = true
            return [.kill(status.taskID, instance.site.agentID)]
        }
        return []
    }

    /// Instances still to launch for the app.
    func needed(_ id: AppID) -> Int {
        guard let app = apps[id] else { return 0 }
        return max(0, app.definition.instances - app.instances.values.filter { !$0.killing }.count)
    }

    /// One instance of the app on this site, if its constraints, backoff and the free resources
    /// allow; otherwise the reason is kept for `status`.
    private mutating func place(_ id: AppID, on site: PlacementSite, free: inout Resources, now: Time) -> TaskInfo? {
        var app = apps[id]!
        defer { apps[id] = app }
        guard app.backoff.mayLaunch(at: now) else { return nil }
        let running = app.instances.values.filter { !$0.killing }.map(\.site)
        if case .refused(let reason) = Placement.check(app.constraints, site: site, running: running) {
            app.waiting = reason
            return nil
        }
        var needs = Resources([.scalar("cpus", app.definition.cpus), .scalar("mem", app.definition.mem)])
        if app.definition.disk > 0 { needs.add(.scalar("disk", app.definition.disk)) }
        let portCount = app.definition.portDefinitions?.count ?? app.definition.ports?.count ?? 0
        let ports = Array(free.ports.ranges.lazy.flatMap { Array($0) }.prefix(portCount))
        if ports.count < portCount {
            app.waiting = "not enough ports: needs \(portCount), agent \(site.hostname) has \(ports.count) free"
            return nil
        }
        for port in ports { needs.add(.ranges("ports", [port...port])) }
        guard free.contains(needs) else {
            app.waiting = "not enough resources: needs \(needs.description), agent \(site.hostname) has \(free.description)"
            return nil
        }
        try? free.subtract(needs)
        nextTask += 1
        let taskID = TaskID("\(id.taskPrefix).\(nextTask)")
        var environment = app.definition.env
        for (index, port) in ports.enumerated() { environment["PORT\(index)"] = String(port) }
        if let first = ports.first { environment["PORT"] = String(first) }
        environment["MARATHON_APP_ID"] = id.path
        let command = app.definition.cmd.map { CommandInfo.shell($0, environment: environment) }
            ?? CommandInfo(shell: false, value: app.definition.args?.first, arguments: app.definition.args ?? [], environment: environment.sorted { $0.key < $1.key }.map { EnvironmentVariable(name: $0.key, value: $0.value) })
        let grace = app.definition.taskKillGracePeriodSeconds.map(KillPolicy.init(gracePeriodSeconds:))
        app.instances[taskID] = Instance(taskID: taskID, site: site, state: .staging, launchedAt: now)
        app.waiting = nil
        return TaskInfo(name: id.taskPrefix, taskID: taskID, agentID: site.agentID, resources: needs, command: command, killPolicy: grace)
    }

    /// Kills the newest instances of apps that have more than they want.
    private mutating func scaleDown() -> [ServicesAction] {
        var actions: [ServicesAction] = []
        for id in apps.keys.sorted() {
            let alive = apps[id]!.instances.values.filter { !$0.killing }.sorted { ($0.launchedAt, $0.taskID) > ($1.launchedAt, $1.taskID) }
            for instance in alive.prefix(max(0, alive.count - apps[id]!.definition.instances)) {
                apps[id]!.instances[instance.taskID]!.killing = true
                actions.append(.kill(instance.taskID, instance.site.agentID))
            }
        }
        return actions
    }

    /// Running, healthy, staged and wanted instances, and the app's state.
    public func status(of id: AppID, now: Time) -> (running: Int, healthy: Int, staged: Int, wanted: Int, state: AppStatus)? {
        guard let app = apps[id] else { return nil }
        let instances = app.instances.values.filter { !$0.killing }
        let running = instances.filter { $0.state == .running }.count
        let healthy = instances.filter { $0.state == .running && $0.healthy != false }.count
        let staged = instances.filter { $0.state == .staging || $0.state == .starting }.count
        let wanted = app.definition.instances
        let state: AppStatus
        if wanted == 0 && instances.isEmpty {
            state = .suspended
        } else if !app.backoff.mayLaunch(at: now), instances.count < wanted {
            state = .delayed(app.backoff.remaining(at: now))
        } else if instances.count < wanted, let reason = app.waiting {
            state = .waiting(reason)
        } else if running == wanted, instances.count == wanted {
            state = .running
        } else {
            state = .deploying
        }
        return (running, healthy, staged, wanted, state)
    }
}

public struct AppDefinitionError: Error, Equatable, CustomStringConvertible {
    public var issues: [ValidationIssue]
    public var description: String { "Object is not valid: " + issues.map { "\($0.path): \($0.errors.joined(separator: "; "))" }.joined(separator: ", ") }
}
