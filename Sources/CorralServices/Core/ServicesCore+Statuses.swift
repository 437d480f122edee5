import CorralModel
import CorralSDK

extension ServicesCore {
    /// Takes in a task's new status: instances that end are forgotten (failures delay the next
    /// launch), unhealthy ones are killed so that a healthy one replaces them, unreachable ones
    /// wait as the app's unreachable strategy says, and tasks Services knows nothing of (left
    /// from an app deleted while it was away, or forgotten while unreachable) are killed.
    /// TASK_UNKNOWN (the master never heard of the task) ends an instance like TASK_GONE does.
    public mutating func update(_ status: TaskStatus, now: ClusterInstant) -> [FrameworkAction] {
        let ended = status.state.isTerminal || status.state == .unknown
        guard let id = apps.first(where: { $0.value.instances[status.taskID] != nil })?.key,
            var instance = apps[id]!.instances[status.taskID]
        else {
            return ended || status.state == .unreachable ? [] : [.kill(status.taskID, status.agentID)]
        }
        var actions: [FrameworkAction] = []
        if ended {
            apps[id]!.instances[status.taskID] = nil
            // A failure Services did not ask for holds the next launch back; kills it asked for,
            // and tasks that reconciliation finds gone after a restart, do not.
            if !instance.killing, instance.confirmed, status.state.isFailure {
                tasksFailed += 1
                apps[id]!.backoff.failed(at: now)
                apps[id]!.lastFailure = TaskFailure(
                    taskID: status.taskID, state: status.state, message: status.message ?? status.state.rawValue,
                    host: instance.site.hostname, at: now.wall, version: instance.version)
            }
        } else {
            instance.state = status.state
            instance.confirmed = true
            if status.state == .unreachable {
                instance.unreachableSince = instance.unreachableSince ?? now
            } else {
                instance.unreachableSince = nil
                instance.inactive = false
            }
            if status.state == .running {
                if instance.startedAt == nil { instance.startedAt = now.wall }
                apps[id]!.backoff.reset()
            }
            if let healthy = status.healthy { instance.healthy = healthy }
            if status.healthy == false, !instance.killing {
                instance.killing = true
                actions.append(.kill(status.taskID, instance.site.agentID))
            }
            apps[id]!.instances[status.taskID] = instance
        }
        return actions + step(now: now)
    }

    /// Instances read back from the store after a restart. They count as alive, so nothing is
    /// launched twice, until reconciliation says whether their tasks still run. Instances of apps
    /// that are gone are killed.
    public mutating func restore(_ instances: [AppInstance]) -> [FrameworkAction] {
        var kills: [FrameworkAction] = []
        for var instance in instances {
            guard apps[instance.appID] != nil else {
                kills.append(.kill(instance.taskID, instance.site.agentID))
                continue
            }
            instance.confirmed = false
            apps[instance.appID]!.instances[instance.taskID] = instance
            if let number = instance.taskID.value.split(separator: ".").last.flatMap({ Int($0) }), number < 1 << 52 { nextTask = max(nextTask, number) }
        }
        return kills
    }

    /// Services subscribed (again): every instance waits for the master to confirm its state.
    public mutating func resubscribed() {
        for id in apps.keys {
            for taskID in apps[id]!.instances.keys { apps[id]!.instances[taskID]!.confirmed = false }
        }
    }

    /// Every task Services tracks, for the driver to reconcile.
    public var trackedTasks: [ReconcileTask] {
        allInstances.map { ReconcileTask(taskID: $0.taskID, agentID: $0.site.agentID) }
    }

    /// Every instance Services tracks, for the store.
    public var allInstances: [AppInstance] {
        apps.values.flatMap(\.instances.values).sorted { $0.taskID < $1.taskID }
    }
}

extension TaskState {
    /// Ends that count as the task failing (not being killed or finishing).
    var isFailure: Bool { [.failed, .lost, .error, .dropped, .gone, .unknown].contains(self) }
}
