import CorralModel

extension ServicesFramework {
    /// Publishes an event that happened outside the framework (an API client's post, a reader
    /// of the stream coming or going), stamped now.
    public nonisolated func announce(_ kind: ServicesEvent.Kind) {
        events.publish(ServicesEvent(at: clock.now.wall, kind: kind))
    }

    /// The events of one status: the status itself, and the instance's new state and health
    /// when they changed. `before` is the instance as it was when the status came.
    func announce(_ status: TaskStatus, before: AppInstance) {
        let now = clock.now.wall
        events.publish(ServicesEvent(at: now, kind: .statusUpdate(status, instance: before)))
        var after = core.instance(status.taskID) ?? before
        after.state = status.state
        if before.state != status.state || core.instance(status.taskID) == nil {
            events.publish(ServicesEvent(at: now, kind: .instanceChanged(after)))
        }
        if let alive = status.healthy, alive != before.healthy {
            events.publish(ServicesEvent(at: now, kind: .healthChanged(after, alive: alive)))
        }
    }

    /// Compares the deployments running now with those last announced: a new one is
    /// `deployment_info`; one that ended with its app settled on its version succeeded (its
    /// one step too), any other end (cancelled, overridden, its app deleted) failed.
    /// A group change ends with the last of its apps' deployments: `group_change_success` when
    /// each reached its version, `group_change_failed` otherwise.
    func announceDeployments() {
        let now = clock.now.wall
        let running = core.deployments
        for (id, old) in announcedDeployments.sorted(by: { $0.key < $1.key }) where running[id]?.id != old.id {
            let target = core.definition(of: id)
            let steps = groupChanges[old.id]?.steps
            if core.succeeded(old) {
                events.publish(ServicesEvent(at: now, kind: .deploymentStepSuccess(old, target: target), steps: steps))
                events.publish(ServicesEvent(at: now, kind: .deploymentSuccess(old, target: target), steps: steps))
            } else {
                events.publish(ServicesEvent(at: now, kind: .deploymentFailed(old, target: target), steps: steps))
                if groupChanges[old.id]?.failure == nil {
                    groupChanges[old.id]?.failure = "The deployment of \(id) was cancelled, overridden or deleted before it finished"
                }
            }
        }
        for (id, new) in running.sorted(by: { $0.key < $1.key }) where announcedDeployments[id]?.id != new.id {
            events.publish(ServicesEvent(at: now, kind: .deploymentInfo(new, target: core.definition(of: id)), steps: groupChanges[new.id]?.steps))
        }
        announcedDeployments = running
        let stillRunning = Set(running.values.map(\.id))
        for (id, change) in groupChanges.sorted(by: { $0.key < $1.key }) where !stillRunning.contains(id) {
            groupChanges[id] = nil
            announceEnd(of: change)
        }
    }

    /// `group_change_success`, or `group_change_failed` with its reason.
    func announceEnd(of change: GroupChange) {
        let kind: ServicesEvent.Kind = change.failure.map { .groupChangeFailed(change.group, version: change.version, reason: $0) }
            ?? .groupChangeSuccess(change.group, version: change.version)
        events.publish(ServicesEvent(at: clock.now.wall, kind: kind))
    }

    /// A deployment that ends at once (an app's stop): its info and its success.
    func announceFinished(_ deployment: Deployment) {
        let now = clock.now.wall
        for kind: ServicesEvent.Kind in [.deploymentInfo(deployment, target: nil), .deploymentStepSuccess(deployment, target: nil), .deploymentSuccess(deployment, target: nil)] {
            events.publish(ServicesEvent(at: now, kind: kind))
        }
    }
}

extension ServicesCore {
    /// The instance of that task, if Services tracks it.
    func instance(_ taskID: TaskID) -> AppInstance? {
        for app in apps.values { if let instance = app.instances[taskID] { return instance } }
        return nil
    }

    /// Whether a deployment that is no longer running reached what it was for: its app is
    /// still there, on the deployment's version, and settled.
    func succeeded(_ deployment: Deployment) -> Bool {
        guard let app = apps[deployment.appID] else { return false }
        return app.version == deployment.version && app.isSettled
    }
}
