import CorralModel
import CorralServices

extension MarathonJSON {
    /// An app: its definition's fields, its version, and what `embed` asks for on top (Marathon
    /// leaves out what was not asked for, so a listing of many apps stays small).
    struct App: Encodable {
        var snapshot: AppSnapshot
        var embed: Set<AppEmbed>
        /// For the task statistics' life times.
        var now = Time.zero

        private enum Keys: String, CodingKey {
            case version, versionInfo, tasks, tasksRunning, tasksStaged, tasksHealthy, tasksUnhealthy, deployments, lastTaskFailure
            case taskStats, readinessCheckResults
        }

        func encode(to encoder: any Encoder) throws {
            try snapshot.definition.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(snapshot.version, forKey: .version)
            try container.encode(["lastScalingAt": snapshot.version, "lastConfigChangeAt": snapshot.lastConfigChangeAt], forKey: .versionInfo)
            if embed.contains(.tasks) { try container.encode(MarathonJSON.tasks(of: snapshot), forKey: .tasks) }
            if embed.contains(.counts) {
                try container.encode(snapshot.running, forKey: .tasksRunning)
                try container.encode(snapshot.staged, forKey: .tasksStaged)
                try container.encode(snapshot.healthy, forKey: .tasksHealthy)
                try container.encode(snapshot.unhealthy, forKey: .tasksUnhealthy)
            }
            if embed.contains(.deployments) { try container.encode(snapshot.deployment.map { [["id": $0.id]] } ?? [], forKey: .deployments) }
            if embed.contains(.lastTaskFailure) {
                try container.encodeIfPresent(snapshot.lastFailure.map { Failure(failure: $0, appID: snapshot.id) }, forKey: .lastTaskFailure)
            }
            if embed.contains(.taskStats) { try container.encode(TaskStats(snapshot, now: now), forKey: .taskStats) }
            if embed.contains(.readiness) { try container.encode(ReadinessResult.all(of: snapshot), forKey: .readinessCheckResults) }
        }
    }

    /// An app as of one of its versions (`/v2/apps/{id}/versions/{version}`): the definition
    /// then, with that version.
    struct VersionedApp: Encodable {
        var kept: AppVersion

        init(_ kept: AppVersion) { self.kept = kept }

        private enum Keys: String, CodingKey { case version }

        func encode(to encoder: any Encoder) throws {
            try kept.definition.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(kept.version, forKey: .version)
        }
    }

    /// Marathon's `taskStats`: counts and life times of the app's tasks, overall and by how
    /// they relate to the app's version (a category without tasks is left out).
    struct TaskStats: Encodable {
        struct Category: Encodable { var stats: Stats }
        struct Stats: Encodable {
            var counts: Counts
            var lifeTime: LifeTime?
        }
        struct Counts: Encodable { var staged = 0, running = 0, healthy = 0, unhealthy = 0 }
        struct LifeTime: Encodable { var averageSeconds, medianSeconds: Double }

        var startedAfterLastScaling: Category?
        var withLatestConfig: Category?
        var withOutdatedConfig: Category?
        var totalSummary: Category?

        init(_ snapshot: AppSnapshot, now: Time) {
            let alive = snapshot.instances.filter { !$0.killing }
            let scaledAt = Time(iso8601: snapshot.version) ?? .zero
            func category(_ instances: [AppInstance]) -> Category? {
                guard !instances.isEmpty else { return nil }
                var counts = Counts()
                for instance in instances {
                    if instance.state == .staging || instance.state == .starting { counts.staged += 1 }
                    if instance.state == .running { counts.running += 1 }
                    if snapshot.hasHealthChecks, instance.healthy == true { counts.healthy += 1 }
                    if snapshot.hasHealthChecks, instance.healthy == false { counts.unhealthy += 1 }
                }
                let lives = instances.compactMap { $0.startedAt.map { max(0, now - $0) } }.sorted()
                let lifeTime = lives.isEmpty ? nil : LifeTime(averageSeconds: lives.reduce(0, +) / Double(lives.count), medianSeconds: median(lives))
                return Category(stats: Stats(counts: counts, lifeTime: lifeTime))
            }
            startedAfterLastScaling = category(alive.filter { $0.stagedAt >= scaledAt })
            withLatestConfig = category(alive.filter { $0.version >= snapshot.lastConfigChangeAt })
            withOutdatedConfig = category(alive.filter { $0.version < snapshot.lastConfigChangeAt })
            totalSummary = category(alive)
        }
    }

    /// One readiness check's last result for one task (`readinessCheckResults`), while the app's
    /// deployment waits for its new tasks; `lastResponse` only when the check preserves it.
    struct ReadinessResult: Encodable {
        struct LastResponse: Encodable {
            var status: Int
            var contentType: String
            var body: String
        }

        var name: String
        var taskId: String
        var ready: Bool
        var lastResponse: LastResponse?

        init(_ result: ReadinessCheckResult) {
            name = result.name
            taskId = result.taskID.value
            ready = result.ready
            lastResponse = result.lastResponse.map { LastResponse(status: $0.status, contentType: $0.contentType, body: $0.body) }
        }

        static func all(of snapshot: AppSnapshot) -> [ReadinessResult] { snapshot.readiness.map(ReadinessResult.init) }
    }
}

private func median(_ sorted: [Double]) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
