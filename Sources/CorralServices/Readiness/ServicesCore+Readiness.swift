import CorralModel
import CorralSDK

extension ServicesCore {
    /// The readiness probes due now, each marked as running so that it is not handed out twice;
    /// the next of each instance is due `intervalSeconds` after this one starts, as Marathon
    /// polls. The framework performs them and answers with `readinessAnswered`.
    public mutating func dueReadinessProbes(now: ClusterInstant) -> [ReadinessProbe] {
        var probes: [ReadinessProbe] = []
        for id in apps.keys.sorted() {
            guard let app = apps[id], let check = app.definition.readinessChecks.first else { continue }
            for instance in app.instances.values.sorted(by: { $0.taskID < $1.taskID }) where app.awaitsReadiness(instance) {
                var progress = instance.readiness ?? ReadinessProgress()
                guard !progress.probing, (progress.nextProbeAt ?? now) <= now,
                    let probe = ReadinessProbe(check, of: instance, portDefinitions: app.definition.portDefinitions ?? [])
                else { continue }
                progress.probing = true
                progress.firstProbeAt = progress.firstProbeAt ?? now.wall
                progress.nextProbeAt = now + .clampedSeconds(check.intervalSeconds)
                apps[id]!.instances[instance.taskID]!.readiness = progress
                probes.append(probe)
            }
        }
        return probes
    }

    /// Takes in a probe's answer (nil when none came: refused, timed out): the instance is ready
    /// when the status is one of the check's ready codes, and the deployment moves on.
    public mutating func readinessAnswered(_ taskID: TaskID, _ response: ReadinessResponse?, now: ClusterInstant) -> [FrameworkAction] {
        guard let id = apps.first(where: { $0.value.instances[taskID] != nil })?.key,
            let check = apps[id]!.definition.readinessChecks.first,
            var progress = apps[id]!.instances[taskID]!.readiness
        else { return [] }
        progress.probing = false
        progress.ready = response.map { check.httpStatusCodesForReady.contains($0.status) } ?? false
        progress.lastResponse = check.preserveLastResponse ? response : nil
        apps[id]!.instances[taskID]!.readiness = progress
        return step(now: now)
    }

    /// When the next readiness probe is due (now for an instance that awaits its first), for
    /// `nextDeadline`; probes still running wait for their answer instead.
    func nextReadinessProbe(now: ClusterInstant) -> ClusterInstant? {
        apps.values.flatMap { app in
            app.instances.values.filter { app.awaitsReadiness($0) && $0.readiness?.probing != true }.map { $0.readiness?.nextProbeAt ?? now }
        }.min()
    }

    /// The app's readiness results while its deployment runs, as Marathon shows them: one per
    /// new instance probed since it started. Once the deployment is done there are none.
    func readinessResults(of id: AppID) -> [ReadinessCheckResult] {
        guard let deployment = deployments[id], let app = apps[id], let check = app.definition.readinessChecks.first else { return [] }
        return app.instances.values.sorted { $0.taskID < $1.taskID }.compactMap { instance in
            guard !instance.killing, app.isCurrent(instance), let progress = instance.readiness,
                !progress.ready || (progress.firstProbeAt ?? deployment.startedAt) >= deployment.startedAt
            else { return nil }
            return ReadinessCheckResult(name: check.name, taskID: instance.taskID, ready: progress.ready, lastResponse: progress.lastResponse)
        }
    }
}

extension ServicesCore.App {
    /// A new instance that runs (and passes its health checks, if any) but has not yet answered
    /// its app's readiness check: it is probed, and does not count as ready for the deployment.
    func awaitsReadiness(_ instance: AppInstance) -> Bool {
        !definition.readinessChecks.isEmpty && isCurrent(instance) && !instance.killing
            && isHealthy(instance) && instance.readiness?.ready != true
    }

    /// Healthy and, for an instance of the current version of an app with a readiness check,
    /// ready: what a deployment waits for before it counts the instance (old instances were
    /// ready when they were new).
    func isReady(_ instance: AppInstance) -> Bool {
        isHealthy(instance) && (definition.readinessChecks.isEmpty || !isCurrent(instance) || instance.readiness?.ready == true)
    }
}
