/// What one principal may see of the cluster: frameworks under `view_frameworks` and tasks
/// under `view_tasks`, both by the user they run as. Snapshots and event streams are filtered
/// through it before they are encoded, so nothing hidden reaches the wire.
public struct ClusterView: Sendable {
    public let acls: ACLs
    public let principal: String?
    /// Most masters have no view rules: then nothing is filtered and nothing is tracked.
    public let seesEverything: Bool
    private var frameworkUsers: [FrameworkID: String] = [:]
    private var visibleTasks: Set<TaskKey> = []

    public init(acls: ACLs, principal: String?) {
        self.acls = acls
        self.principal = principal
        self.seesEverything = acls.permissive && (acls.rules[.viewFrameworks] ?? []).isEmpty && (acls.rules[.viewTasks] ?? []).isEmpty
    }

    public func sees(_ framework: FrameworkInfo) -> Bool { seesFramework(user: framework.user) }

    public func seesTask(runningAs user: String) -> Bool {
        seesEverything || acls.allows(.viewTasks, principal: principal, object: user)
    }

    /// `snapshot` without what this principal may not see, and remembers what it saw so that
    /// the events that follow are filtered the same way.
    public mutating func filter(_ snapshot: ClusterSnapshot) -> ClusterSnapshot {
        guard !seesEverything else { return snapshot }
        var filtered = snapshot
        for framework in snapshot.frameworks + snapshot.completedFrameworks { frameworkUsers[framework.id] = framework.info.user }
        filtered.frameworks = snapshot.frameworks.filter { sees($0.info) }
        filtered.completedFrameworks = snapshot.completedFrameworks.filter { sees($0.info) }
        let visibleFrameworks = Set(filtered.frameworks.map(\.id))
        filtered.offers = snapshot.offers.filter { visibleFrameworks.contains($0.offer.frameworkID) }
        filtered.tasks = snapshot.tasks.filter(sees)
        filtered.completedTasks = snapshot.completedTasks.filter(sees)
        visibleTasks = Set(filtered.tasks.map { TaskKey($0.frameworkID, $0.id) })
        filtered.taskUsage = snapshot.taskUsage.filter { visibleTasks.contains($0.key) }
        // Counts of every task's end would tell of tasks this principal may not see.
        filtered.tasksEnded = nil
        if filtered.nextFramework.map(visibleFrameworks.contains) == false { filtered.nextFramework = nil }
        return filtered
    }

    /// Whether this principal may see `event`; keeps track of the frameworks and tasks it
    /// names, since later events name them only by ID.
    public mutating func admits(_ event: ClusterEvent) -> Bool {
        guard !seesEverything else { return true }
        switch event {
        case .frameworkAdded(let framework), .frameworkUpdated(let framework):
            frameworkUsers[framework.id] = framework.info.user
            return sees(framework.info)
        case .frameworkRemoved(let id, _):
            return frameworkUsers.removeValue(forKey: id).map { seesFramework(user: $0) } ?? false
        case .offerMade(let offer):
            return frameworkUsers[offer.frameworkID].map { seesFramework(user: $0) } ?? false
        case .offerAccepted(_, let frameworkID, _), .offerDeclined(_, let frameworkID, _), .offerRescinded(_, let frameworkID, _, _):
            return frameworkUsers[frameworkID].map { seesFramework(user: $0) } ?? false
        case .taskAdded(let task):
            guard sees(task) else { return false }
            visibleTasks.insert(TaskKey(task.frameworkID, task.id))
            return true
        case .taskUpdated(let key, _):
            return visibleTasks.contains(key)
        case .usageSampled, .agentAdded, .agentUpdated, .agentRemoved:
            return true
        }
    }

    private func seesFramework(user: String) -> Bool {
        seesEverything || acls.allows(.viewFrameworks, principal: principal, object: user)
    }

    private func sees(_ task: TaskRecord) -> Bool {
        seesTask(runningAs: task.command?.user ?? frameworkUsers[task.frameworkID] ?? "")
    }
}
